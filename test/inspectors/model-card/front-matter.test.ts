import { describe, expect, it } from "vitest";
import { countAnchorsAndAliases, findFrontMatter, parseFrontMatter } from "../../../src/inspectors/model-card/front-matter.js";

describe("findFrontMatter", () => {
  it("finds the block between the first two --- lines with its line numbers", () => {
    const r = findFrontMatter(["---", "license: mit", "---", "# Title"]);
    expect(r).toEqual({ kind: "block", block: { startLine: 1, endLine: 3, yaml: "license: mit", yamlStartLine: 2 } });
  });

  it("allows blank lines before the opening fence, as the Hub's regex does", () => {
    const r = findFrontMatter(["", "  ", "---", "a: 1", "---"]);
    expect(r.kind === "block" && r.block.startLine).toBe(3);
  });

  it("reports no front matter when the card starts with text (a later --- is a thematic break)", () => {
    expect(findFrontMatter(["# Title", "", "---", "text"])).toEqual({ kind: "absent" });
  });

  it("reports an opening fence that is never closed", () => {
    expect(findFrontMatter(["---", "license: mit", "# Title"])).toEqual({ kind: "unterminated", startLine: 1 });
  });

  it("does not end the block at a line that merely starts with ---", () => {
    const r = findFrontMatter(["---", "a: 1", "----", "b: 2", "---"]);
    expect(r.kind === "block" && r.block.endLine).toBe(5);
  });
});

describe("parseFrontMatter", () => {
  it("parses a mapping", () => {
    expect(parseFrontMatter("license: mit\ntags: [a, b]")).toEqual({ ok: true, value: { license: "mit", tags: ["a", "b"] } });
  });

  it("treats an empty block as an empty mapping", () => {
    expect(parseFrontMatter("")).toEqual({ ok: true, value: {} });
  });

  it("refuses a list instead of a mapping (huggingface_hub sample_invalid_card_data.md)", () => {
    const r = parseFrontMatter("[]");
    expect(r.ok === false && r.problem.problem).toBe("not-a-mapping");
  });

  it("reports malformed YAML with the line of the error", () => {
    const r = parseFrontMatter("license: mit\ntags: [a, b\nx: 1");
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.problem.problem).toBe("malformed");
    expect(r.ok === false && typeof r.line).toBe("number");
  });

  it("keeps the last of duplicate keys, as PyYAML does on the Hub", () => {
    expect(parseFrontMatter("license: mit\nlicense: apache-2.0")).toEqual({ ok: true, value: { license: "apache-2.0" } });
  });

  it("does not construct JavaScript types from tags (safe schema)", () => {
    const r = parseFrontMatter("x: !!js/function 'function () { return 1 }'");
    expect(r.ok).toBe(false);
  });

  it("refuses a billion-laughs alias bomb before parsing it", () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 40; i++) levels.push(`${String.fromCharCode(97 + (i % 26))}${i}: &l${i} [${Array(9).fill(i === 1 ? "*a" : `*l${i - 1}`).join(",")}]`);
    const r = parseFrontMatter(levels.join("\n"));
    expect(r.ok === false && r.problem.problem).toBe("too-many-aliases");
  });

  it("refuses front matter larger than the bound", () => {
    const r = parseFrontMatter(`description: "${"x".repeat(2048)}"`, { maxBytes: 1024, maxAliases: 100 });
    expect(r.ok === false && r.problem.problem).toBe("too-large");
  });
});

describe("countAnchorsAndAliases", () => {
  it("counts anchors and aliases in node position", () => {
    expect(countAnchorsAndAliases("a: &x 1\nb: *x\nc: [*x, *x]\n- *x")).toBe(5);
  });

  it("does not count Markdown emphasis inside quoted strings or URLs with &", () => {
    expect(countAnchorsAndAliases('prompt: "**Your email** must *match*"\nlink: https://x.y/?a=1&b=2')).toBe(0);
  });
});
