/**
 * Untrusted strings (file and member names, messages quoting file content, evidence, reasons) come
 * from the scanned repo. These helpers make them inert in each output medium.
 */

/**
 * C0 and C1 control characters and DEL: ESC starts terminal sequences (colour, cursor moves,
 * OSC 8 hyperlinks, OSC 52 clipboard writes), BEL/BS/CR can overwrite what was printed.
 */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Bidi overrides and isolates reorder what is displayed (Trojan Source, CVE-2021-42574). */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const NEWLINES = /\r\n|[\n\r\t\u2028\u2029]/g;

function hex(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** One line of plain text: line breaks become spaces, control and bidi characters become visible `\xNN` escapes. */
export function plainText(text: string): string {
  return text.replace(NEWLINES, " ").replace(CONTROL, hex).replace(BIDI, hex);
}

/** Markdown punctuation that could start emphasis, links, images, code, headings, tables or strikethrough. */
const MD_SPECIAL = /[\\`*_{}[\]()#|~]/g;
/** At the start of a list item's text, `- `, `+ `, `1. ` or `1) ` would open a nested list. */
function escapeLeading(s: string): string {
  const ordered = /^(\s*)(\d+)([.)])/.exec(s);
  if (ordered) return `${ordered[1] ?? ""}${ordered[2] ?? ""}\\${ordered[3] ?? ""}${s.slice(ordered[0].length)}`;
  return s.replace(/^(\s*)([-+=])/, "$1\\$2");
}

/**
 * Inline Markdown text: every markup character is backslash-escaped and `< > &` become entities,
 * so a file name like `<img onerror=…>` or `[x](javascript:…)` renders as the literal text.
 */
export function mdText(text: string): string {
  const escaped = plainText(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(MD_SPECIAL, (c) => `\\${c}`);
  return escapeLeading(escaped);
}

/**
 * An inline code span that cannot be closed early: the fence is one backtick longer than the
 * longest backtick run inside (CommonMark §6.1). Pipes are escaped because GFM splits table
 * cells on `|` even inside code spans.
 */
export function mdCode(text: string): string {
  const t = plainText(text).replace(/\|/g, "\\|");
  const longest = Math.max(0, ...[...t.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = t.startsWith("`") || t.endsWith("`") || t.startsWith(" ") ? " " : "";
  return `${fence}${pad}${t}${pad}${fence}`;
}
