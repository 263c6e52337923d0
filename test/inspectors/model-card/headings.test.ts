import { describe, expect, it } from "vitest";
import { scanHeadings } from "../../../src/inspectors/model-card/headings.js";

const scan = (text: string, first = 1) => scanHeadings(text.split("\n"), first).headings.map((h) => [h.style, h.level, h.text, h.line]);

describe("scanHeadings", () => {
  it("finds ATX headings with their level and strips closing hashes", () => {
    expect(scan("# One\n## Two ##\n#NotAHeading\n    # indented code")).toEqual([
      ["atx", 1, "One", 1],
      ["atx", 2, "Two", 2],
    ]);
  });

  it("ignores # lines inside fenced code blocks (``` and ~~~)", () => {
    expect(scan("# A\n```python\n# comment\n```\n~~~\n## not\n~~~\n## B")).toEqual([
      ["atx", 1, "A", 1],
      ["atx", 2, "B", 8],
    ]);
  });

  it("keeps a fence open until a closing fence at least as long", () => {
    expect(scan("````\n```\n# inside\n````\n# after")).toEqual([["atx", 1, "after", 5]]);
  });

  it("finds setext headings after a paragraph line", () => {
    expect(scan("Title\n=====\n\nSection\n-------")).toEqual([
      ["setext", 1, "Title", 1],
      ["setext", 2, "Section", 4],
    ]);
  });

  it("does not take a thematic break after a blank line or a list item for a setext underline", () => {
    expect(scan("Text\n\n---\n- item\n---")).toEqual([]);
  });

  it("finds HTML h1-h6 headings", () => {
    expect(scan('<h2 align="center">Model <b>Details</b></h2>')).toEqual([["html", 2, "Model Details", 1]]);
  });

  it("ignores headings inside HTML comments", () => {
    expect(scan("<!--\n## hidden\n-->\n## shown")).toEqual([["atx", 2, "shown", 4]]);
  });

  it("starts at the given first body line (after the front matter)", () => {
    expect(scan("---\n# yaml comment\n---\n# Title", 4)).toEqual([["atx", 1, "Title", 4]]);
  });

  it("records fenced code lines so other passes can skip them", () => {
    expect([...scanHeadings("a\n```\nx\n```\nb".split("\n"), 1).codeLines]).toEqual([2, 3, 4]);
  });

  it("finds bold labels that open a paragraph, with the text after them on the same line", () => {
    const body = scanHeadings("**Training Data:**\nPublic web text.\n\n**Intended Use Cases** Llama 2 is for research.\n\n__Limitations__: it errs.".split("\n"), 1).headings;
    expect(body.map((h) => [h.style, h.level, h.text, h.line, h.inline])).toEqual([
      ["label", 7, "Training Data", 1, ""],
      ["label", 7, "Intended Use Cases", 4, "Llama 2 is for research."],
      ["label", 7, "Limitations", 6, "it errs."],
    ]);
  });

  it("takes a bold label right under a heading (LLaMA's model card layout)", () => {
    expect(scan("## Model details\n**Model type**\nAn auto-regressive transformer.")).toEqual([
      ["atx", 2, "Model details", 1],
      ["label", 7, "Model type", 2],
    ]);
  });

  it("does not take bold text inside a paragraph, a bold sentence, a list item or a setext title for a label", () => {
    const text = [
      "Some text",
      "**Training Data:** continues the paragraph above.",
      "",
      "**Note: we recommend reading the usage section before running the model locally**",
      "",
      "**Overall performance on grouped academic benchmarks.** Code: pass@1.",
      "",
      "- **Developed by:** Acme",
      "",
      "__init__.py holds the code.",
      "",
      "**Bold title**",
      "---",
    ].join("\n");
    expect(scan(text)).toEqual([["setext", 2, "**Bold title**", 12]]);
  });

  it("ignores bold labels inside fenced code", () => {
    expect(scan("```\n\n**Training Data:**\n```")).toEqual([]);
  });
});

describe("scanHeadings reads fences and raw HTML blocks as CommonMark does", () => {
  it("keeps a tilde fence open across backtick fences inside it", () => {
    expect(scan("~~~\n```\n# not a heading\n```\n~~~\n# after")).toEqual([["atx", 1, "after", 6]]);
  });

  it("does not close a fence with a shorter one or one with an info string", () => {
    expect(scan("````\n```\n# in\n``` x\n````\n## out")).toEqual([["atx", 2, "out", 6]]);
  });

  it("takes a backtick line whose info string holds a backtick for text, not a fence", () => {
    expect(scan("``` a`b\n# heading")).toEqual([["atx", 1, "heading", 2]]);
  });

  it("runs an unclosed fence to the end of the card", () => {
    expect(scan("# one\n```\n# two\n# three")).toEqual([["atx", 1, "one", 1]]);
  });

  it("ignores Markdown headings inside a <div> block up to its blank line, and finds them after it", () => {
    expect(scan("<div>\n# inside\nSetext inside\n---\n</div>\n\n# outside")).toEqual([["atx", 1, "outside", 7]]);
  });

  it("takes the whole end line of a multi-line comment block as comment", () => {
    expect(scan("<!--\n# hidden\n--> # still hidden\n# shown")).toEqual([["atx", 1, "shown", 4]]);
  });

  it("keeps <pre>, <script>, <style> and <textarea> blocks open across blank lines until their end tag", () => {
    expect(scan("<pre>\n\n# code\n\n</pre>\n# real")).toEqual([["atx", 1, "real", 6]]);
    expect(scan("<script>\n\n## x\n</script>\n## y")).toEqual([["atx", 2, "y", 5]]);
  });

  it("reads processing instructions, declarations and CDATA as HTML blocks", () => {
    expect(scan("<?php\n# no\n?>\n<!DOCTYPE x\n# no\n>\n<![CDATA[\n# no\n]]>\n# yes")).toEqual([["atx", 1, "yes", 10]]);
  });

  it("finds an <h2> inside an HTML block, but not one inside a comment in it", () => {
    expect(scan('<div align="center">\n<!-- <h2>old</h2> -->\n<h2>Model Details</h2>\n</div>')).toEqual([["html", 2, "Model Details", 3]]);
  });

  it("reads a lone custom tag line as an HTML block (type 7) only where it does not interrupt a paragraph", () => {
    expect(scan("<custom-note>\n# hidden\n\n# shown")).toEqual([["atx", 1, "shown", 4]]);
    expect(scan("some text\n<custom-note>\n# heading")).toEqual([["atx", 1, "heading", 3]]);
  });
});
