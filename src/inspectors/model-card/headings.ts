import { LimitExceededError } from "../../errors.js";
import { MAX_CARD_HEADINGS } from "../../limits.js";

export interface Heading {
  text: string;
  /** 1-6; a bold label is 7, below every Markdown heading (it never closes one's section). */
  level: number;
  style: "atx" | "setext" | "html" | "label";
  /** 1-based line of the heading text. */
  line: number;
  /** Last line the heading itself occupies (the `===`/`---` underline for setext). */
  lastLine: number;
  /** For a bold label: the text after it on the same line (the start of its section's body). */
  inline?: string;
}

/** Level given to bold labels: below h6, so a label section ends at the next label or heading. */
export const LABEL_LEVEL = 7;

export interface ScannedBody {
  headings: Heading[];
  /** 1-based lines inside fenced code blocks (fences included). */
  codeLines: Set<number>;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const HTML_HEADING = /<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/i;
/** `**Training Data:**`, `**Intended Use Cases** Llama 2 is intended...`, `__Limitations__:` at a paragraph start. */
const LABEL = /^ {0,3}(\*\*|__)([^*_\s](?:[^*_]*[^*_\s])?)\1(?=$|[\s:])[ \t]*:?[ \t]*(.*)$/;
const MAX_LABEL_WORDS = 8;

/** CommonMark 4.6 block-level tag names: `<div>`, `</table>`, `<h2 ...>` at a line start open an HTML block of type 6. */
const BLOCK_TAGS =
  "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul";
const ATTRIBUTE = String.raw`\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>\x60]+|'[^']*'|"[^"]*"))?`;

/**
 * CommonMark 4.6 HTML block starts, in the spec's order. Types 1-5 end at the first line (the
 * start line included) that contains their end marker; types 6 and 7 end before the next blank
 * line. Type 7 (any complete tag alone on its line) cannot interrupt a paragraph.
 */
const HTML_BLOCKS: readonly { start: RegExp; end?: RegExp; interrupts: boolean }[] = [
  { start: /^ {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)/i, end: /<\/(?:script|pre|style|textarea)>/i, interrupts: true },
  { start: /^ {0,3}<!--/, end: /-->/, interrupts: true },
  { start: /^ {0,3}<\?/, end: /\?>/, interrupts: true },
  { start: /^ {0,3}<![A-Za-z]/, end: />/, interrupts: true },
  { start: /^ {0,3}<!\[CDATA\[/, end: /\]\]>/, interrupts: true },
  { start: new RegExp(`^ {0,3}</?(?:${BLOCK_TAGS})(?:[ \t]|/?>|$)`, "i"), interrupts: true },
  { start: new RegExp(`^ {0,3}(?:<(?!(?:script|style|pre|textarea)\\b)[A-Za-z][A-Za-z0-9-]*(?:${ATTRIBUTE})*\\s*/?>|</[A-Za-z][A-Za-z0-9-]*\\s*>)[ \t]*$`, "i"), interrupts: false },
];
const HTML_HEADINGS = /<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1\s*>/gi;
/** Lines that cannot be the text of a setext heading: list items, quotes, tables, HTML blocks, thematic breaks. */
const NOT_SETEXT_TEXT = /^(?: {0,3}(?:[-*+][ \t]|\d+[.)][ \t]|>|\||<|#)| {4,}|\s*$|(?: {0,3}(?:[-*_][ \t]*){3,}$))/;

/**
 * A bold run opening a paragraph that works as a heading (IBM Granite, Llama and LLaMA cards
 * write `**Training Data:**` or `**Intended Use Cases** text` instead of `## Training Data`).
 * Short (a title, not a bold sentence: at most 8 words, no final `.`/`!`/`?`).
 */
export function boldLabel(line: string): { text: string; inline: string } | undefined {
  const m = LABEL.exec(line);
  if (!m?.[2]) return undefined;
  const text = stripInline(m[2]).replace(/\s*:$/, "");
  if (text === "" || /[.!?]$/.test(text) || !/\p{L}/u.test(text) || text.split(/\s+/).length > MAX_LABEL_WORDS) return undefined;
  return { text, inline: (m[3] ?? "").trim() };
}

function stripInline(s: string): string {
  return s
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Blanks out HTML comments, keeping line breaks, so a heading tag inside one is not seen and offsets still map to lines. */
function blankComments(text: string): string {
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, (c) => c.replace(/[^\n]/g, " "));
}

/**
 * Finds Markdown headings as CommonMark does for the cases cards use: ATX (`## x`), setext
 * (`x` underlined with `===`/`---` after a paragraph line) and HTML `<h1>`-`<h6>`, ignoring
 * anything inside fenced code (backtick or tilde; cards are full of `# comment` lines in Python
 * blocks), HTML comments and raw HTML blocks (CommonMark types 1-7, which take the following lines
 * as HTML until their end condition). A `<h2>` inside an HTML block is a heading.
 */
export function scanHeadings(lines: readonly string[], firstLine: number): ScannedBody {
  const headings: Heading[] = [];
  const codeLines = new Set<number>();
  let fence: { char: string; length: number } | undefined;
  let inComment = false;
  /** The last line that ended a block that is not paragraph text (a type 7 HTML block may start right after it). */
  let lastNonParagraph = firstLine - 1;
  /** Lines of raw HTML blocks: never the text of a setext heading. */
  const htmlLines = new Set<number>();
  const push = (h: Heading): void => {
    if (headings.length >= MAX_CARD_HEADINGS) throw new LimitExceededError("MAX_CARD_HEADINGS", `model card has more than ${MAX_CARD_HEADINGS} headings`);
    headings.push(h);
  };
  for (let i = firstLine - 1; i < lines.length; i++) {
    const raw = lines[i] ?? "";
    const lineNo = i + 1;
    if (fence) {
      codeLines.add(lineNo);
      const close = FENCE.exec(raw);
      if (close?.[1] && close[1][0] === fence.char && close[1].length >= fence.length && (close[2] ?? "").trim() === "") fence = undefined;
      continue;
    }
    if (inComment) {
      const end = raw.indexOf("-->");
      if (end < 0) continue;
      inComment = false;
      if (raw.slice(end + 3).trim() === "") continue;
    }
    const open = FENCE.exec(raw);
    if (open?.[1] && !(open[1][0] === "`" && (open[2] ?? "").includes("`"))) {
      fence = { char: open[1][0] ?? "`", length: open[1].length };
      codeLines.add(lineNo);
      lastNonParagraph = lineNo;
      continue;
    }
    const prevLine = lines[i - 1];
    const inParagraph = lineNo > firstLine && lastNonParagraph !== lineNo - 1 && headings.at(-1)?.lastLine !== lineNo - 1 && (prevLine ?? "").trim() !== "";
    const block = HTML_BLOCKS.find((b) => b.start.test(raw) && (b.interrupts || !inParagraph));
    if (block) {
      // The block's lines are raw HTML: no Markdown heading, label or setext text in them.
      let last = i;
      if (block.end) while (last < lines.length - 1 && !block.end.test(lines[last] ?? "")) last++;
      else while (last < lines.length - 1 && (lines[last + 1] ?? "").trim() !== "") last++;
      const starts = [0];
      const text = lines.slice(i, last + 1).join("\n");
      for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) starts.push(at + 1);
      for (const m of blankComments(text).matchAll(HTML_HEADINGS)) {
        let row = 0;
        while (row + 1 < starts.length && (starts[row + 1] ?? Infinity) <= m.index) row++;
        push({ text: stripInline(m[2] ?? ""), level: Number(m[1]), style: "html", line: lineNo + row, lastLine: lineNo + row });
      }
      for (let l = lineNo; l <= last + 1; l++) htmlLines.add(l);
      lastNonParagraph = last + 1;
      i = last;
      continue;
    }
    const noComments = raw.replace(/<!--[\s\S]*?-->/g, "");
    if (noComments.includes("<!--")) inComment = true;
    const line = noComments.includes("<!--") ? noComments.slice(0, noComments.indexOf("<!--")) : noComments;
    const atx = ATX.exec(line);
    if (atx?.[1]) {
      push({ text: stripInline(atx[2] ?? ""), level: atx[1].length, style: "atx", line: lineNo, lastLine: lineNo });
      continue;
    }
    const html = HTML_HEADING.exec(line);
    if (html?.[1]) {
      push({ text: stripInline(html[2] ?? ""), level: Number(html[1]), style: "html", line: lineNo, lastLine: lineNo });
      continue;
    }
    const setext = SETEXT.exec(line);
    const prev = lines[i - 1];
    const prevNo = lineNo - 1;
    if (setext?.[1] && prev !== undefined && prevNo >= firstLine && !codeLines.has(prevNo) && !htmlLines.has(prevNo) && !NOT_SETEXT_TEXT.test(prev) && headings.at(-1)?.lastLine !== prevNo) {
      push({ text: stripInline(prev), level: setext[1][0] === "=" ? 1 : 2, style: "setext", line: prevNo, lastLine: lineNo });
      continue;
    }
    // A label opens a paragraph (first body line, after a blank line or right under a heading) and
    // is not the text of a setext heading (the next line is no underline).
    const paragraphStart = lineNo === firstLine || (prev ?? "").trim() === "" || headings.at(-1)?.lastLine === prevNo;
    const label = paragraphStart && !SETEXT.test(lines[i + 1] ?? "") ? boldLabel(line) : undefined;
    if (label) push({ text: label.text, level: LABEL_LEVEL, style: "label", line: lineNo, lastLine: lineNo, inline: label.inline });
  }
  return { headings, codeLines };
}
