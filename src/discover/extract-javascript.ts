import { MAX_JAVASCRIPT_TOKENS } from "../limits.js";
import { isRevision, parseHubId } from "./hub-id.js";
import type { DiscoverLists } from "./lists.js";
import { tokenizeJavascript, type JsToken } from "./tokenize-javascript.js";
import type { Hit, RepoKind } from "./types.js";

type Value = { type: "string"; text: string; line: number } | { type: "none" } | { type: "dynamic"; line: number } | { type: "object"; entries: Map<string, JsToken[]> };

/** `@huggingface/hub` functions whose first argument is `{ repo, revision, … }`. */
const HUB_FUNCTIONS = new Set(["downloadFile", "downloadFileToCacheDir", "snapshotDownload", "fileDownloadInfo", "listFiles", "fileExists", "pathsInfo"]);

/** A revision option: its literal, or the line of a value only known at run time. */
interface RevisionValue {
  value: string | null;
  dynamicLine?: number;
}

const NO_REVISION: RevisionValue = { value: null };

function isOp(t: JsToken | undefined, v: string): boolean {
  return t?.type === "op" && t.value === v;
}

function matchingClose(tokens: readonly JsToken[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const t = tokens[j] as JsToken;
    if (t.type !== "op") continue;
    if (t.value === "(" || t.value === "[" || t.value === "{") depth++;
    else if (t.value === ")" || t.value === "]" || t.value === "}") {
      depth--;
      if (depth === 0) return j;
    }
  }
  return tokens.length;
}

/** Splits tokens strictly between `open` and `close` at top-level commas. */
function split(tokens: readonly JsToken[], open: number, close: number): JsToken[][] {
  const parts: JsToken[][] = [];
  let current: JsToken[] = [];
  let depth = 0;
  for (let j = open + 1; j < close; j++) {
    const t = tokens[j] as JsToken;
    if (t.type === "op" && "([{".includes(t.value)) depth++;
    else if (t.type === "op" && ")]}".includes(t.value)) depth--;
    if (depth === 0 && isOp(t, ",")) {
      parts.push(current);
      current = [];
    } else current.push(t);
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** `const NAME = "literal"` (also `let`/`var`, TypeScript annotations), in file order; other values are dynamic. */
function collectConstants(tokens: readonly JsToken[]): Map<string, { index: number; value: Value }[]> {
  const out = new Map<string, { index: number; value: Value }[]>();
  for (let i = 0; i + 2 < tokens.length; i++) {
    const kw = tokens[i] as JsToken;
    const name = tokens[i + 1] as JsToken;
    if (kw.type !== "name" || !["const", "let", "var"].includes(kw.value) || name.type !== "name") continue;
    let j = i + 2;
    if (isOp(tokens[j], ":")) while (j < tokens.length && !isOp(tokens[j], "=") && !isOp(tokens[j], ";")) j++;
    if (!isOp(tokens[j], "=") || isOp(tokens[j + 1], "=")) continue;
    const v = tokens[j + 1];
    const next = tokens[j + 2];
    // A literal followed by an operator that continues the expression is not that literal.
    const continues = next?.type === "op" && ["+", ".", "[", "(", "?", "|", "&"].includes(next.value);
    let value: Value = { type: "dynamic", line: v?.line ?? kw.line };
    if (v && !continues && (v.type === "string" || (v.type === "template" && !v.dynamic))) value = { type: "string", text: v.value, line: v.line };
    const list = out.get(name.value) ?? [];
    list.push({ index: i, value });
    out.set(name.value, list);
  }
  return out;
}

export interface JavascriptContext {
  lists: DiscoverLists;
  isLocalPath(value: string): boolean;
}

/**
 * Hub references in JavaScript/TypeScript: transformers.js `pipeline(task, "owner/name", { revision })`
 * and `X.from_pretrained("owner/name", { revision })`, and @huggingface/hub download calls with
 * `{ repo: "owner/name" | { type, name }, revision }`. Comments are skipped; constants declared
 * earlier in the file are resolved; template literals with `${}` and other expressions are dynamic.
 */
export function extractJavascript(text: string, ctx: JavascriptContext): Hit[] {
  const tokens = tokenizeJavascript(text, MAX_JAVASCRIPT_TOKENS);
  const constants = collectConstants(tokens);
  const hits: Hit[] = [];
  // `pipeline` is also node:stream's; count it only where transformers.js is imported.
  const transformersJs = /["'](?:@huggingface\/transformers|@xenova\/transformers)["']/.test(text);
  // @huggingface/inference tasks take `{ model: "owner/name", … }` (`client.chatCompletion({ model })`).
  const inferenceJs = /["']@huggingface\/inference["']/.test(text);

  const evaluate = (expr: readonly JsToken[], at: number): Value => {
    const first = expr[0];
    if (!first) return { type: "none" };
    if (expr.length === 1) {
      if (first.type === "string") return { type: "string", text: first.value, line: first.line };
      if (first.type === "template") return first.dynamic ? { type: "dynamic", line: first.line } : { type: "string", text: first.value, line: first.line };
      if (first.type === "name") {
        if (["undefined", "null", "true", "false"].includes(first.value)) return { type: "none" };
        const prior = (constants.get(first.value) ?? []).filter((c) => c.index < at);
        const last = prior[prior.length - 1];
        return last?.value.type === "string" ? { ...last.value, line: first.line } : { type: "dynamic", line: first.line };
      }
      if (first.type === "number") return { type: "none" };
    }
    if (isOp(first, "{")) {
      const close = matchingClose(expr, 0);
      const entries = new Map<string, JsToken[]>();
      for (const part of split(expr, 0, close)) {
        const key = part[0];
        if (!key || (key.type !== "name" && key.type !== "string")) continue;
        // Shorthand `{ repo }` is the variable of that name.
        entries.set(key.value, isOp(part[1], ":") ? part.slice(2) : [key]);
      }
      return { type: "object", entries };
    }
    return { type: "dynamic", line: first.line };
  };

  /** Adds the reference (or dynamic hit) for a repo value. */
  const repoHit = (v: Value, kind: RepoKind, revision: RevisionValue, allowBare: boolean): void => {
    if (v.type === "dynamic") hits.push({ type: "dynamic", line: v.line });
    if (v.type !== "string" || ctx.isLocalPath(v.text)) return;
    let text = v.text;
    let k = kind;
    // @huggingface/hub's RepoDesignation strings: "datasets/owner/name", "spaces/owner/name".
    if (text.startsWith("spaces/")) return;
    if (text.startsWith("datasets/")) {
      k = "dataset";
      text = text.slice("datasets/".length);
    } else if (text.startsWith("models/")) text = text.slice("models/".length);
    const parsed = parseHubId(text, ctx.lists, { kind: k, allowBare });
    if (!parsed) return;
    hits.push({ type: "reference", id: parsed.id, kind: parsed.kind, revision: parsed.revision ?? revision.value, line: v.line });
    // A run-time revision matters only for a repo we know; with a run-time repo its line already says so.
    if (revision.dynamicLine !== undefined) hits.push({ type: "dynamic", line: revision.dynamicLine });
  };

  const revisionOf = (options: Value | undefined, at: number): RevisionValue => {
    if (options?.type !== "object") return NO_REVISION;
    const rev = options.entries.get("revision");
    if (!rev) return NO_REVISION;
    const v = evaluate(rev, at);
    if (v.type === "dynamic") return { value: null, dynamicLine: v.line };
    return { value: v.type === "string" && isRevision(v.text) ? v.text : null };
  };

  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i] as JsToken;
    if (t.type !== "name" || !isOp(tokens[i + 1], "(")) continue;
    const before = tokens[i - 1];
    if (before?.type === "name" && (before.value === "function" || before.value === "def")) continue;
    const close = matchingClose(tokens, i + 1);
    // `from_pretrained(id) { … }` is a method being defined, not called.
    if (isOp(tokens[close + 1], "{") || (isOp(tokens[close + 1], ":") && !isOp(before, "."))) continue;
    const args = split(tokens, i + 1, close);
    const arg = (n: number): Value | undefined => (args[n] ? evaluate(args[n] as JsToken[], i) : undefined);
    if (t.value === "pipeline" && transformersJs) {
      const model = arg(1);
      if (model) repoHit(model, "model", revisionOf(arg(2), i), true);
    } else if (t.value === "from_pretrained") {
      const model = arg(0);
      if (model) repoHit(model, "model", revisionOf(arg(1), i), true);
    } else if (inferenceJs && isOp(before, ".") && !HUB_FUNCTIONS.has(t.value)) {
      const params = arg(0);
      const model = params?.type === "object" ? params.entries.get("model") : undefined;
      if (model) repoHit(evaluate(model, i), "model", NO_REVISION, false);
    } else if (HUB_FUNCTIONS.has(t.value)) {
      const params = arg(0);
      if (params?.type !== "object") continue;
      const repo = params.entries.get("repo");
      if (!repo) continue;
      const revision = revisionOf(params, i);
      const repoValue = evaluate(repo, i);
      if (repoValue.type === "object") {
        const name = repoValue.entries.get("name");
        const type = repoValue.entries.get("type");
        const typeValue = type ? evaluate(type, i) : undefined;
        if (typeValue?.type === "string" && typeValue.text === "space") continue;
        const kind: RepoKind = typeValue?.type === "string" && typeValue.text === "dataset" ? "dataset" : "model";
        if (name) repoHit(evaluate(name, i), kind, revision, true);
      } else repoHit(repoValue, "model", revision, true);
    }
  }
  return hits;
}
