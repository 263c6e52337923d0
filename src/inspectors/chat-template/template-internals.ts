import { ConfigError } from "../../errors.js";
import { isRecord } from "../python-source/read-text.js";
import type { TemplateInternalAccess } from "./facts.js";

export interface SstiPattern {
  name: string;
  kind: "identifier" | "attribute" | "filter";
  reason: string;
}

export function parseSstiList(raw: unknown): SstiPattern[] {
  if (!isRecord(raw) || !Array.isArray(raw["entries"])) throw new ConfigError("template-ssti-patterns: expected a mapping with an entries: list");
  return raw["entries"].map((e: unknown, i: number): SstiPattern => {
    if (!isRecord(e) || typeof e["name"] !== "string" || typeof e["reason"] !== "string" || !["identifier", "attribute", "filter"].includes(e["kind"] as string)) {
      throw new ConfigError(`template-ssti-patterns: entry ${i + 1} needs name, kind (identifier|attribute|filter) and reason`);
    }
    return { name: e["name"], kind: e["kind"] as SstiPattern["kind"], reason: e["reason"] };
  });
}

const DUNDER = /__\w+__/;
/** Halves of a dunder split across a concatenation: '__cla' ~ 'ss__'. */
const DUNDER_PART = /^__\w+$|^\w+__$/;
/** Statement lists whose direct StringLiterals are template text, not expressions. */
const BODY_KEYS = new Set(["body", "alternate", "defaultBlock"]);
const MAX_NODES = 500_000;

interface Node {
  type?: unknown;
  [k: string]: unknown;
}

/**
 * Walks a parsed @huggingface/jinja AST and lists every access to Python internals: dunder
 * attributes (`''.__class__.__mro__`), listed globals (`cycler`, `lipsum`, `self`), the `attr`
 * filter, and dunder names hidden in string literals used as expressions (`x['__globals__']`,
 * `|attr('__class__')`, `'__cla' ~ 'ss__'`). Raw template text is not inspected.
 */
export function findInternals(program: unknown, patterns: readonly SstiPattern[]): TemplateInternalAccess[] {
  const ids = new Set(patterns.filter((p) => p.kind === "identifier").map((p) => p.name));
  const attrs = new Set(patterns.filter((p) => p.kind === "attribute").map((p) => p.name));
  const filters = new Set(patterns.filter((p) => p.kind === "filter").map((p) => p.name));
  const out = new Map<string, TemplateInternalAccess>();
  const add = (name: string, kind: TemplateInternalAccess["kind"]): void => {
    out.set(`${kind}\0${name}`, { name, kind });
  };
  let visited = 0;
  const stack: { node: unknown; text: boolean }[] = [{ node: program, text: false }];
  while (stack.length > 0) {
    const { node, text } = stack.pop() as { node: unknown; text: boolean };
    if (++visited > MAX_NODES) break;
    if (Array.isArray(node)) {
      for (const n of node) stack.push({ node: n, text });
      continue;
    }
    if (node instanceof Map) {
      for (const [k, v] of node) stack.push({ node: k, text: false }, { node: v, text: false });
      continue;
    }
    if (!isRecord(node)) continue;
    const n = node as Node;
    switch (n.type) {
      case "Identifier": {
        const v = String(n["value"]);
        if (ids.has(v)) add(v, "identifier");
        else if (DUNDER.test(v)) add(v, "identifier");
        break;
      }
      case "MemberExpression": {
        const prop = n["property"];
        if (isRecord(prop)) {
          const v = String(prop["value"] ?? "");
          if ((prop["type"] === "Identifier" || prop["type"] === "StringLiteral") && (DUNDER.test(v) || attrs.has(v))) add(v, "attribute");
          // Identifiers used as a property name are not variables: do not report `x.config`.
          if (prop["type"] === "Identifier" && !n["computed"]) {
            stack.push({ node: n["object"], text: false });
            continue;
          }
        }
        break;
      }
      case "FilterExpression":
      case "FilterStatement": {
        const f = n["filter"];
        const name = isRecord(f) ? (f["type"] === "Identifier" ? f["value"] : isRecord(f["callee"]) ? f["callee"]["value"] : undefined) : undefined;
        if (typeof name === "string" && filters.has(name)) add(`${name} filter`, "filter");
        // The filter's own name is not a variable; its arguments still are walked.
        if (isRecord(f) && f["type"] === "CallExpression") stack.push({ node: f["args"], text: false });
        stack.push({ node: n["operand"], text: false }, { node: n["body"], text: true });
        continue;
      }
      case "StringLiteral": {
        const v = String(n["value"]);
        if (!text && (DUNDER.test(v) || DUNDER_PART.test(v))) add(v.length > 40 ? `${v.slice(0, 40)}…` : v, "string");
        break;
      }
      default:
        break;
    }
    for (const [k, v] of Object.entries(n)) {
      if (k === "type" || k === "operator") continue;
      stack.push({ node: v, text: BODY_KEYS.has(k) });
    }
  }
  return [...out.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}

/** Jinja tags of a template that did not even tokenize; their contents are scanned for dunders. */
const TAG = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g;
const DUNDER_G = /__\w+__/g;

/**
 * The same question for a template the parser rejects: @huggingface/jinja does not accept every
 * Python Jinja construct (the empty tuple `()` of the CVE-2024-34359 proof of concept is one), yet
 * a Python loader renders it. Walks the token stream (names after a dot are attributes, after a
 * pipe filters; string literals with dunders), or, when even tokenizing fails, the text of the
 * template's tags. A syntax error must never hide a payload.
 */
export function findInternalsInTokens(tokens: readonly { type: string; value: string }[] | undefined, text: string, patterns: readonly SstiPattern[]): TemplateInternalAccess[] {
  const ids = new Set(patterns.filter((p) => p.kind === "identifier").map((p) => p.name));
  const attrs = new Set(patterns.filter((p) => p.kind === "attribute").map((p) => p.name));
  const filters = new Set(patterns.filter((p) => p.kind === "filter").map((p) => p.name));
  const out = new Map<string, TemplateInternalAccess>();
  const add = (name: string, kind: TemplateInternalAccess["kind"]): void => {
    out.set(`${kind}\0${name}`, { name, kind });
  };
  if (tokens) {
    tokens.forEach((t, i) => {
      const prev = tokens[i - 1]?.type;
      if (t.type === "Identifier") {
        if (prev === "Dot") {
          if (DUNDER.test(t.value) || attrs.has(t.value)) add(t.value, "attribute");
        } else if (prev === "Pipe") {
          if (filters.has(t.value)) add(`${t.value} filter`, "filter");
        } else if (ids.has(t.value) || DUNDER.test(t.value)) add(t.value, "identifier");
      } else if (t.type === "StringLiteral" && (DUNDER.test(t.value) || DUNDER_PART.test(t.value))) {
        add(t.value.length > 40 ? `${t.value.slice(0, 40)}…` : t.value, "string");
      }
    });
  } else {
    for (const tag of text.match(TAG) ?? []) for (const d of tag.match(DUNDER_G) ?? []) add(d, "attribute");
  }
  return [...out.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
}
