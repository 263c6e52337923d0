import { MAX_PYTHON_TOKENS } from "../limits.js";
import { tokenizePython, type PyToken } from "../inspectors/python-source/tokenize-python.js";
import { isRevision, parseHubId } from "./hub-id.js";
import { normaliseKey, type DiscoverLists } from "./lists.js";
import { pythonCallSpec, type PythonCallSpec } from "./python-calls.js";
import type { Hit, RepoKind } from "./types.js";

/**
 * An argument expression read statically. `overridable`: the literal is the default of an
 * environment lookup (`os.getenv("MODEL_ID", "owner/name")`), so the code loads it unless the
 * environment says otherwise: a reference and a dynamic value at once.
 */
type Value = { type: "string"; text: string; line: number; overridable?: boolean } | { type: "none" } | { type: "dynamic"; line: number; text?: string };

interface Arg {
  keyword?: string;
  tokens: PyToken[];
}

interface Assignment {
  index: number;
  value: Value;
}

const PREFIXED = /^(?:hf:\/\/|hf_hub:|hf-hub:)/;
/** A file download URL of a Hub repo (`…/resolve/<rev>/file`, `…/blob/<rev>/file`): any call fetching it loads that repo. */
const HUB_FILE_URL = /^https?:\/\/(?:www\.)?(?:huggingface|hf)\.co\/(?:datasets\/)?[^/]+\/[^/]+\/(?:resolve|blob)\//i;

function isOp(t: PyToken | undefined, v: string): boolean {
  return t?.type === "op" && t.value === v;
}

/** A statement starts the file or follows a logical newline or `;`. */
function atStatementStart(tokens: readonly PyToken[], i: number): boolean {
  const prev = tokens[i - 1];
  return !prev || prev.type === "newline" || isOp(prev, ";");
}

/** Index of the matching close bracket for the open one at `open`, or tokens.length. */
function matchingClose(tokens: readonly PyToken[], open: number): number {
  let depth = 0;
  for (let j = open; j < tokens.length; j++) {
    const t = tokens[j] as PyToken;
    if (t.type !== "op") continue;
    if (t.value === "(" || t.value === "[" || t.value === "{") depth++;
    else if (t.value === ")" || t.value === "]" || t.value === "}") {
      depth--;
      if (depth === 0) return j;
    }
  }
  return tokens.length;
}

/** Splits the tokens between `(` and `)` into arguments at top-level commas. */
function splitArgs(tokens: readonly PyToken[], open: number, close: number): Arg[] {
  const args: Arg[] = [];
  let current: PyToken[] = [];
  let depth = 0;
  const flush = (): void => {
    if (current.length === 0) return;
    const [a, b, c] = current;
    // `name=value`, not `name == value` (the tokenizer emits `==` as two `=`).
    if (a?.type === "name" && isOp(b, "=") && !isOp(c, "=")) args.push({ keyword: a.value, tokens: current.slice(2) });
    else args.push({ tokens: current });
    current = [];
  };
  for (let j = open + 1; j < close; j++) {
    const t = tokens[j] as PyToken;
    if (t.type === "newline") continue;
    if (t.type === "op" && (t.value === "(" || t.value === "[" || t.value === "{")) depth++;
    else if (t.type === "op" && (t.value === ")" || t.value === "]" || t.value === "}")) depth--;
    if (depth === 0 && isOp(t, ",")) flush();
    else current.push(t);
  }
  flush();
  return args;
}

/**
 * Module- or function-level `NAME = "literal"` (also annotated `NAME: str = ...`), in file order.
 * Any other assignment to the name records a dynamic value, so a later use is not resolved to an
 * older literal.
 */
function collectAssignments(tokens: readonly PyToken[]): Map<string, Assignment[]> {
  const out = new Map<string, Assignment[]>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as PyToken;
    if (t.type !== "name" || !atStatementStart(tokens, i)) continue;
    let j = i + 1;
    if (isOp(tokens[j], ":")) {
      // Annotation: skip to `=` on the same logical line.
      while (j < tokens.length && tokens[j]?.type !== "newline" && !isOp(tokens[j], "=")) j++;
    }
    if (!isOp(tokens[j], "=") || isOp(tokens[j + 1], "=")) continue;
    let end = j + 1;
    while (end < tokens.length && tokens[end]?.type !== "newline" && !isOp(tokens[end], ";")) end++;
    const rhs = tokens.slice(j + 1, end);
    // `model = AutoModel.from_pretrained(...)` holds a loaded object, never a repo name.
    const value: Value = rhs.some((r, k) => r.type === "name" && isOp(rhs[k + 1], "(") && isLoader(r.value)) ? { type: "none" } : evaluate(rhs, out, i);
    const list = out.get(t.value) ?? [];
    list.push({ index: i, value });
    out.set(t.value, list);
  }
  return out;
}

/** A string literal, None, or something only known when the code runs. Never guesses. */
function evaluate(expr: readonly PyToken[], assignments: ReadonlyMap<string, Assignment[]>, at: number): Value {
  const first = expr[0];
  if (!first) return { type: "none" };
  if (expr.every((t) => t.type === "string")) {
    if (expr.some((t) => (t.prefix ?? "").includes("f"))) return { type: "dynamic", line: first.line, text: expr.map((t) => t.value).join("") };
    if (expr.some((t) => (t.prefix ?? "").includes("b"))) return { type: "none" };
    return { type: "string", text: expr.map((t) => t.value).join(""), line: first.line };
  }
  if (expr.length === 1 && first.type === "name") {
    if (first.value === "None" || first.value === "True" || first.value === "False") return { type: "none" };
    const prior = (assignments.get(first.value) ?? []).filter((a) => a.index < at);
    const last = prior[prior.length - 1];
    if (last?.value.type === "string") return { ...last.value, line: first.line };
    // A name last bound to a loaded object (or None) is no repo name.
    if (last?.value.type === "none") return { type: "none" };
    return { type: "dynamic", line: first.line };
  }
  if (first.type === "number") return { type: "none" };
  const env = environmentDefault(expr, assignments, at);
  if (env) return env;
  return { type: "dynamic", line: first.line };
}

/** `os.getenv(K, "d")`, `os.environ.get(K, "d")`, `getenv(K, default="d")`: the literal default, overridable. */
function environmentDefault(expr: readonly PyToken[], assignments: ReadonlyMap<string, Assignment[]>, at: number): Value | undefined {
  const open = expr.findIndex((t) => isOp(t, "("));
  if (open < 1 || matchingClose(expr, open) !== expr.length - 1) return undefined;
  const callee = expr.slice(0, open).map((t) => t.value).join("");
  if (!/^(?:os\.)?(?:getenv|environ\.get)$/.test(callee)) return undefined;
  const arg = argFor(splitArgs(expr, open, expr.length - 1), 1, ["default"]);
  const v = arg ? evaluate(arg.tokens, assignments, at) : undefined;
  return v?.type === "string" ? { ...v, overridable: true } : v?.type === "dynamic" ? v : { type: "dynamic", line: expr[0]?.line ?? 0 };
}

function isLoader(name: string): boolean {
  return pythonCallSpec(name, "Peft") !== undefined || pythonCallSpec(name, undefined) !== undefined;
}

function argFor(args: readonly Arg[], position: number | undefined, keywords: readonly string[]): Arg | undefined {
  const kw = args.find((a) => a.keyword !== undefined && keywords.includes(a.keyword));
  if (kw) return kw;
  if (position === undefined) return undefined;
  const positional = args.filter((a) => a.keyword === undefined);
  // `*args` before the position makes positions unknowable.
  if (positional.slice(0, position + 1).some((a) => isOp(a.tokens[0], "*"))) return undefined;
  return positional[position];
}

export interface PythonContext {
  lists: DiscoverLists;
  /** True when a relative path names an existing file or folder of the codebase (a local model). */
  isLocalPath(value: string): boolean;
}

/**
 * Hub references in Python source, read from tokens (comments and string contents are never
 * mistaken for code): recognised loader calls by name (python-calls.ts), with the repo given
 * positionally or by keyword, as a literal or a name assigned a literal earlier in the file; any
 * call argument that is an `hf://`, `hf_hub:` or `hf-hub:` string. A string that is not such an
 * argument (a docstring, a test's expected value, a dict entry) is not a reference. Values only
 * known at run time are dynamic hits.
 */
export function extractPython(text: string, ctx: PythonContext): Hit[] {
  const tokens = tokenizePython(text, MAX_PYTHON_TOKENS);
  const assignments = collectAssignments(tokens);
  const hits: Hit[] = [];
  // `pipeline` and `LLM` are common names; they are Hub loaders only where their library is imported.
  const imports = importedModules(tokens);
  const defaults = optionDefaults(tokens, assignments, ctx);
  hits.push(...defaults.hits);
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i] as PyToken;
    if (t.type !== "name" || !isOp(tokens[i + 1], "(")) continue;
    const before = tokens[i - 1];
    if (before?.type === "name" && (before.value === "def" || before.value === "class")) continue;
    const receiver = isOp(before, ".") && tokens[i - 2]?.type === "name" ? tokens[i - 2]?.value : undefined;
    const close = matchingClose(tokens, i + 1);
    const args = splitArgs(tokens, i + 1, close);
    if (t.value === "add_argument") {
      hits.push(...argparseDefault(args, assignments, i, ctx, defaults.revision));
      continue;
    }
    const spec = pythonCallSpec(t.value, receiver);
    if (spec?.needsImport && !spec.needsImport.some((m) => imports.has(m))) continue;
    if (spec) hits.push(...fromSpec(spec, args, assignments, i, ctx));
    else hits.push(...prefixedArgs(args, assignments, i, ctx));
  }
  return hits;
}

const REVISION_OPTIONS = new Set(["revision", "model_revision"]);

/** Normalised option names of an `add_argument("-m", "--model_name_or_path", …)` call. */
function optionNames(args: readonly Arg[]): string[] {
  return args.flatMap((a) => {
    const t = a.tokens[0];
    return a.keyword === undefined && a.tokens.length === 1 && t?.type === "string" && t.value.startsWith("-") ? [normaliseKey(t.value.replace(/^-+/, ""))] : [];
  });
}

/**
 * Training scripts name their model in option defaults: `parser.add_argument("--model_name_or_path",
 * default="owner/name")` and dataclass fields (`model_name_or_path: str = field(default="owner/name")`,
 * as the transformers example scripts do). Names come from discover-keys (flags and keys); a field
 * must be annotated, so a plain constant is not taken for a config field. The file's
 * `--revision`/`model_revision` default, when a literal, is their revision.
 */
function optionDefaults(tokens: readonly PyToken[], assignments: ReadonlyMap<string, Assignment[]>, ctx: PythonContext): { hits: Hit[]; revision: string | null } {
  let revision: string | null = null;
  const fields: { name: string; value: Value }[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i] as PyToken;
    if (t.type === "name" && t.value === "add_argument" && isOp(tokens[i + 1], "(")) {
      const args = splitArgs(tokens, i + 1, matchingClose(tokens, i + 1));
      if (!optionNames(args).some((n) => REVISION_OPTIONS.has(n))) continue;
      const d = argFor(args, undefined, ["default"]);
      const v = d ? evaluate(d.tokens, assignments, i) : undefined;
      if (v?.type === "string" && isRevision(v.text)) revision ??= v.text;
      continue;
    }
    if (t.type !== "name" || !isOp(tokens[i + 1], ":") || !atStatementStart(tokens, i)) continue;
    let j = i + 2;
    while (j < tokens.length && tokens[j]?.type !== "newline" && !isOp(tokens[j], "=")) j++;
    if (!isOp(tokens[j], "=")) continue;
    let end = j + 1;
    while (end < tokens.length && tokens[end]?.type !== "newline") end++;
    let rhs = tokens.slice(j + 1, end);
    if (rhs[0]?.type === "name" && rhs[0].value === "field" && isOp(rhs[1], "(")) {
      const d = argFor(splitArgs(rhs, 1, matchingClose(rhs, 1)), undefined, ["default"]);
      rhs = d ? d.tokens : [];
    }
    const value = evaluate(rhs, assignments, i);
    const name = normaliseKey(t.value);
    if (REVISION_OPTIONS.has(name) && value.type === "string" && isRevision(value.text)) revision ??= value.text;
    else fields.push({ name, value });
  }
  const hits: Hit[] = [];
  for (const f of fields) {
    const kind = ctx.lists.keys.get(f.name);
    if (!kind || f.value.type !== "string") continue;
    hits.push(...literalHit(f.value, kind, revision, ctx));
  }
  return { hits, revision };
}

function literalHit(v: Extract<Value, { type: "string" }>, kind: RepoKind, revision: string | null, ctx: PythonContext): Hit[] {
  const out: Hit[] = [];
  if (v.overridable) out.push({ type: "dynamic", line: v.line });
  if (ctx.isLocalPath(v.text)) return out;
  const parsed = parseHubId(v.text, ctx.lists, { kind, allowBare: true });
  // A `--model_revision` default is the model's; datasets have their own revision options.
  if (parsed) out.push({ type: "reference", id: parsed.id, kind: parsed.kind, revision: parsed.revision ?? (parsed.kind === "model" ? revision : null), line: v.line });
  return out;
}

function argparseDefault(args: readonly Arg[], assignments: ReadonlyMap<string, Assignment[]>, at: number, ctx: PythonContext, revision: string | null): Hit[] {
  const names = optionNames(args);
  const kind = names.map((n) => ctx.lists.flags.get(n) ?? ctx.lists.keys.get(n)).find((k) => k !== undefined);
  const d = argFor(args, undefined, ["default"]);
  if (!kind || !d) return [];
  const v = evaluate(d.tokens, assignments, at);
  if (v.type === "dynamic") return [{ type: "dynamic", line: v.line }];
  return v.type === "string" ? literalHit(v, kind, revision, ctx) : [];
}

/** Top-level packages named in `import x` / `from x import …` statements. */
function importedModules(tokens: readonly PyToken[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i] as PyToken;
    if (t.type !== "name" || (t.value !== "import" && t.value !== "from") || !atStatementStart(tokens, i)) continue;
    for (let j = i + 1; j < tokens.length && tokens[j]?.type !== "newline"; j++) {
      const n = tokens[j] as PyToken;
      if (n.type === "name" && !isOp(tokens[j - 1], ".")) out.add(n.value);
      if (t.value === "from" && n.type === "name" && n.value === "import") break;
    }
  }
  return out;
}

function fromSpec(spec: PythonCallSpec, args: readonly Arg[], assignments: ReadonlyMap<string, Assignment[]>, at: number, ctx: PythonContext): Hit[] {
  const hits: Hit[] = [];
  let kind: RepoKind = spec.kind;
  if (spec.repoTypeKeyword) {
    const rt = argFor(args, undefined, ["repo_type"]);
    const v = rt ? evaluate(rt.tokens, assignments, at) : undefined;
    if (v?.type === "string") {
      if (v.text === "space") return [];
      if (v.text === "dataset") kind = "dataset";
    }
  }
  let revision: string | null = null;
  // A run-time revision matters only for a repo we know; with a run-time repo the repo's line already says so.
  let dynamicRevisionLine: number | undefined;
  const revArg = argFor(args, undefined, ["revision"]);
  if (revArg) {
    const v = evaluate(revArg.tokens, assignments, at);
    if (v.type === "string" && isRevision(v.text)) revision = v.text;
    else if (v.type === "dynamic") dynamicRevisionLine = v.line;
  }
  const repoArgs = [argFor(args, spec.position, spec.keywords), ...(spec.extraKeywords ?? []).map((k) => argFor(args, undefined, [k]))];
  for (const arg of repoArgs) {
    if (!arg) continue;
    const v = evaluate(arg.tokens, assignments, at);
    if (v.type === "dynamic") hits.push({ type: "dynamic", line: v.line });
    if (v.type !== "string") continue;
    if (v.overridable) hits.push({ type: "dynamic", line: v.line });
    if (spec.requirePrefix && !PREFIXED.test(v.text)) continue;
    if (ctx.isLocalPath(v.text)) continue;
    let parsed = parseHubId(v.text, ctx.lists, { kind, allowBare: spec.allowBare });
    if (!parsed && spec.bareOrg && !v.text.includes("/") && !ctx.lists.localDirs.has(v.text)) parsed = parseHubId(`${spec.bareOrg}/${v.text}`, ctx.lists, { kind, allowBare: false });
    if (parsed) hits.push({ type: "reference", id: parsed.id, kind: parsed.kind, revision: parsed.revision ?? revision, line: v.line });
  }
  if (dynamicRevisionLine !== undefined && hits.some((h) => h.type === "reference")) hits.push({ type: "dynamic", line: dynamicRevisionLine });
  return hits;
}

/** `hf://…`, `hf_hub:…`, `hf-hub:…` and Hub file URLs passed to any call (pandas, polars, timm wrappers, requests, from_single_file). */
function prefixedArgs(args: readonly Arg[], assignments: ReadonlyMap<string, Assignment[]>, at: number, ctx: PythonContext): Hit[] {
  const hits: Hit[] = [];
  for (const arg of args) {
    const v = evaluate(arg.tokens, assignments, at);
    if (v.type === "dynamic" && v.text !== undefined && (PREFIXED.test(v.text) || HUB_FILE_URL.test(v.text))) hits.push({ type: "dynamic", line: v.line });
    if (v.type !== "string" || !(PREFIXED.test(v.text) || HUB_FILE_URL.test(v.text))) continue;
    const parsed = parseHubId(v.text, ctx.lists, { kind: "model", allowBare: false });
    if (parsed) hits.push({ type: "reference", id: parsed.id, kind: parsed.kind, revision: parsed.revision, line: v.line });
  }
  return hits;
}
