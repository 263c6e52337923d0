import type { CardLists } from "./card-lists.js";
import type { CardSection, SectionState, SectionTopic } from "./facts.js";
import type { Heading } from "./headings.js";

/** A heading with its section's line range: up to the next heading of the same or a higher level. */
export interface SectionSpan {
  section: CardSection;
  startLine: number;
  endLine: number;
}

/** Fewer words than this (after placeholders and template labels are removed) is not real content. */
const MIN_CONTENT_WORDS = 3;
const EXCERPT_CHARS = 2000;
/** A section with template placeholders whose only other text is one sentence this short is still unfilled. */
const MAX_BOILERPLATE_WORDS = 20;

/** One sentence on one line: the boilerplate a template leaves beside its placeholders ("See the paper for details."). */
function isOneSentence(text: string): boolean {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  if (lines.length !== 1) return false;
  return (lines[0] ?? "").split(/[.!?](?:\s|$)/).filter((p) => /[\p{L}\p{N}]/u.test(p)).length <= 1;
}
/** Topics whose section text is kept: architecture is compared with config.json, the others are quoted in the BOM. */
const EXCERPT_TOPICS: readonly SectionTopic[] = ["architecture", "intendedUse", "limitations", "ethics"];

/** "## 2. **Training Data** [optional]:" → "training data". */
export function normalizeHeading(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[optional\]/gi, "")
    .replace(/[*_`~]/g, "")
    .replace(/^[^\p{L}\p{N}]+/u, "")
    .replace(/^(\d+(\.\d+)*\.?|[ivx]+\.)\s+/i, "")
    .replace(/[\s:.]+$/u, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

const LABEL_ONLY = /^\s*(?:[-*+]\s*)?(?:\*\*|__)[^*_]+(?:\*\*|__)\s*:?\s*[[\]().,;:-]*\s*$/;

/** Per-line view of the card body: text with comments and placeholders removed, words, placeholder seen. */
export interface CleanLines {
  text: string[];
  words: number[];
  placeholder: boolean[];
}

/**
 * Cleans every line once (sections then sum over their lines, so nested sections cost no re-scan):
 * HTML comments, template placeholders/boilerplate and bare template labels (`- **Developed by:**`)
 * are not content. Index i is line i + 1.
 */
export function cleanLines(lines: readonly string[], skip: ReadonlySet<number>, placeholders: readonly string[]): CleanLines {
  const out: CleanLines = { text: [], words: [], placeholder: [] };
  let inComment = false;
  lines.forEach((raw, i) => {
    let line = raw;
    if (inComment) {
      const end = line.indexOf("-->");
      if (end < 0) line = "";
      else {
        line = line.slice(end + 3);
        inComment = false;
      }
    }
    line = line.replace(/<!--[\s\S]*?-->/g, " ");
    const open = line.indexOf("<!--");
    if (open >= 0) {
      inComment = true;
      line = line.slice(0, open);
    }
    let saw = false;
    let lower = line.toLowerCase();
    for (const p of placeholders) {
      let at = lower.indexOf(p);
      while (at >= 0) {
        saw = true;
        line = line.slice(0, at) + " ".repeat(p.length) + line.slice(at + p.length);
        lower = line.toLowerCase();
        at = lower.indexOf(p, at + p.length);
      }
    }
    if (skip.has(i + 1) || LABEL_ONLY.test(line)) line = "";
    const text = line.replace(/[ \t]+/g, " ").trim();
    out.text.push(text);
    out.words.push(countWords(text));
    out.placeholder.push(saw);
  });
  return out;
}

export function countWords(text: string): number {
  return (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;
}

/** Joined cleaned text of lines [from, to] (1-based), stopping once `max` characters are collected. */
function textOf(clean: CleanLines, from: number, to: number, max = Infinity): string {
  const parts: string[] = [];
  let n = 0;
  for (let l = from; l <= to && n < max; l++) {
    const t = clean.text[l - 1] ?? "";
    if (t === "") continue;
    parts.push(t);
    n += t.length + 1;
  }
  return parts.join("\n").slice(0, max);
}

/** Body text is only built for headings whose rule needs it (few), so big cards stay linear. */
function topicsFor(heading: string, body: () => string, lists: CardLists): SectionTopic[] {
  const norm = normalizeHeading(heading);
  const out = new Set<SectionTopic>();
  let text: string | undefined;
  for (const rule of lists.topics) {
    if (!rule.pattern.test(norm)) continue;
    if (rule.requiresBody && !rule.requiresBody.test((text ??= body()))) continue;
    out.add(rule.topic);
  }
  return [...out].sort();
}

/**
 * Turns headings into sections. A section's body runs to the next heading of the same or a higher
 * level, so "## Uses" holds its "### Direct Use" subsection; subsection headings are not content.
 */
export function buildSections(lines: readonly string[], headings: readonly Heading[], lastLine: number, lists: CardLists): SectionSpan[] {
  const headingLines = new Set<number>();
  // A bold label's line is part of its own section: the label goes, the text after it stays.
  let text = lines;
  for (const h of headings) {
    if (h.style === "label") {
      if (text === lines) text = [...lines];
      (text as string[])[h.line - 1] = h.inline ?? "";
    } else for (let l = h.line; l <= h.lastLine; l++) headingLines.add(l);
  }
  const clean = cleanLines(text, headingLines, lists.placeholders);
  const wordsBefore = [0];
  const placeholdersBefore = [0];
  clean.words.forEach((w, i) => {
    wordsBefore.push((wordsBefore[i] ?? 0) + w);
    placeholdersBefore.push((placeholdersBefore[i] ?? 0) + (clean.placeholder[i] ? 1 : 0));
  });
  // Section ends: the next heading at the same or a higher level, found with a stack in one pass.
  const ends = headings.map(() => lastLine);
  const open: number[] = [];
  headings.forEach((h, i) => {
    while (open.length > 0 && (headings[open.at(-1) ?? 0]?.level ?? 0) >= h.level) ends[open.pop() ?? 0] = h.line - 1;
    open.push(i);
  });
  return headings.map((h, i) => {
    const end = ends[i] ?? lastLine;
    const from = h.style === "label" ? h.line : h.lastLine + 1;
    const words = end >= from ? (wordsBefore[end] ?? 0) - (wordsBefore[from - 1] ?? 0) : 0;
    const sawPlaceholder = end >= from && (placeholdersBefore[end] ?? 0) - (placeholdersBefore[from - 1] ?? 0) > 0;
    const boilerplateOnly = sawPlaceholder && words >= MIN_CONTENT_WORDS && words <= MAX_BOILERPLATE_WORDS && isOneSentence(textOf(clean, from, end));
    const state: SectionState = words >= MIN_CONTENT_WORDS && !boilerplateOnly ? "content" : sawPlaceholder ? "placeholder" : "empty";
    const topics = topicsFor(h.text, () => textOf(clean, from, end), lists);
    const section: CardSection = { heading: h.text, level: h.level, style: h.style, topics, state, words };
    if (state === "content" && topics.some((t) => EXCERPT_TOPICS.includes(t))) section.excerpt = textOf(clean, from, end, EXCERPT_CHARS);
    let endLine = end;
    while (endLine > h.lastLine && (lines[endLine - 1] ?? "").trim() === "") endLine--;
    return { section, startLine: h.line, endLine };
  });
}
