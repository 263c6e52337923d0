import yaml from "js-yaml";
import { MAX_CARD_FRONT_MATTER_BYTES, MAX_YAML_ALIASES } from "../../limits.js";
import type { CardMetadataProblem } from "./facts.js";

/** Where the YAML block sits in the card (1-based lines, the `---` fences included). */
export interface FrontMatterBlock {
  startLine: number;
  endLine: number;
  /** The YAML between the fences, lines joined with "\n". */
  yaml: string;
  /** Line number of the first YAML line (startLine + 1). */
  yamlStartLine: number;
}

export type FrontMatterSearch = { kind: "absent" } | { kind: "unterminated"; startLine: number } | { kind: "block"; block: FrontMatterBlock };

/**
 * Finds the front matter the way huggingface_hub does (`^\s*---[\r\n]+ ... [\r\n]+---(\r\n|\n|$)`):
 * blank lines may precede the opening fence, and the block ends at the first line that is exactly
 * `---`. An opening fence with no closing one is not front matter (the Hub renders it as text).
 */
export function findFrontMatter(lines: readonly string[]): FrontMatterSearch {
  let open = 0;
  while (open < lines.length && (lines[open] ?? "").trim() === "") open++;
  if (open >= lines.length || lines[open]?.trimStart() !== "---") return { kind: "absent" };
  for (let i = open + 1; i < lines.length; i++) {
    if (lines[i] === "---") {
      return { kind: "block", block: { startLine: open + 1, endLine: i + 1, yaml: lines.slice(open + 1, i).join("\n"), yamlStartLine: open + 2 } };
    }
  }
  return { kind: "unterminated", startLine: open + 1 };
}

/**
 * YAML anchors (`&a`) and aliases (`*a`) in node position: after indentation, `key: `, `- `, `? `,
 * or a flow `[`, `{`, `,`. Markdown emphasis inside quoted strings (`"**Note**"`) does not count.
 */
const ANCHOR_OR_ALIAS = /(?:^[ \t]*|[:?-][ \t]+|[[{,][ \t]*)[&*][^\s,[\]{}]+/gm;

export function countAnchorsAndAliases(text: string): number {
  let n = 0;
  ANCHOR_OR_ALIAS.lastIndex = 0;
  while (ANCHOR_OR_ALIAS.exec(text) !== null) n++;
  return n;
}

export type FrontMatterParse = { ok: true; value: unknown } | { ok: false; problem: CardMetadataProblem; line?: number };

/**
 * Parses front matter with js-yaml's default schema (the safe one in js-yaml 4: no `!!js/*` types),
 * after checking its size and its anchors/aliases so a billion-laughs document is refused before
 * the parser builds it (CWE-776). Duplicate keys are allowed, last one wins, as PyYAML does on the Hub.
 */
export function parseFrontMatter(text: string, limits = { maxBytes: MAX_CARD_FRONT_MATTER_BYTES, maxAliases: MAX_YAML_ALIASES }): FrontMatterParse {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > limits.maxBytes) {
    return { ok: false, problem: { problem: "too-large", detail: `front matter is ${bytes} bytes, more than the ${limits.maxBytes} modelgate parses (MAX_CARD_FRONT_MATTER_BYTES)` } };
  }
  const aliases = countAnchorsAndAliases(text);
  if (aliases > limits.maxAliases) {
    return {
      ok: false,
      problem: { problem: "too-many-aliases", detail: `front matter uses ${aliases} YAML anchors/aliases, more than ${limits.maxAliases} (MAX_YAML_ALIASES): refused as a possible alias bomb` },
    };
  }
  let value: unknown;
  try {
    value = yaml.load(text, { schema: yaml.DEFAULT_SCHEMA, json: true, filename: "README.md" });
  } catch (e) {
    const mark = e instanceof yaml.YAMLException ? e.mark : undefined;
    const reason = e instanceof yaml.YAMLException ? e.reason : String(e);
    const out: FrontMatterParse = { ok: false, problem: { problem: "malformed", detail: `front matter is not valid YAML: ${reason}` } };
    if (mark && typeof mark.line === "number") out.line = mark.line;
    return out;
  }
  if (value === null || value === undefined) return { ok: true, value: {} };
  if (typeof value !== "object" || Array.isArray(value) || value instanceof Date) {
    const got = Array.isArray(value) ? "a list" : value instanceof Date ? "a date" : `a ${typeof value}`;
    return { ok: false, problem: { problem: "not-a-mapping", detail: `front matter is ${got}, not a mapping of keys` } };
  }
  return { ok: true, value };
}
