import { MAX_JSON_BYTES } from "../../limits.js";
import { fact, type Fact } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import type { RepoFile } from "../../types/source.js";
import type { RemoteCodeReference } from "./facts.js";
import { dirOf, isRecord, parseJsonObject, readText } from "./read-text.js";

/** Configs whose `auto_map` makes transformers import repo code (`trust_remote_code=True`). */
const CONFIG_NAME = /(^|_)config\.json$/i;

interface Parsed {
  module: string;
  className?: string;
  repo?: string;
  /** Why the reference is not a plain `module.Class` a loader could only resolve inside the repo. */
  unsafe?: string;
}

/** One dotted part of a Python module or class name. */
const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;
/** A Hub repo id (`name` or `owner/name`), as the `owner/repo--module.Class` form names it. */
const REPO_ID = /^[\w.-]+(\/[\w.-]+)?$/;

/**
 * Why a module reference is not a dotted Python module name, or undefined when it is. transformers
 * joins the module into a file path (`os.path.join(repo_dir, module + ".py")`): an absolute path
 * replaces the repo folder and `..` climbs out of it, so such a reference imports any `.py` file on
 * the loading machine.
 */
export function unsafeModuleReason(module: string): string | undefined {
  if (/^([\\/]|~|[A-Za-z]:[\\/])/.test(module)) return "an absolute path";
  if (module.includes("..")) return "a parent-folder step (..)";
  if (/[\\/]/.test(module)) return "a path separator";
  const parts = module.split(".");
  if (parts.every((p) => IDENTIFIER.test(p))) return undefined;
  const bad = [...module].find((c) => c !== "." && !/[\p{L}\p{N}_]/u.test(c));
  return bad === undefined ? "a part that does not start with a letter or _" : `the character ${JSON.stringify(bad)}, which a Python module name cannot have`;
}

/**
 * Splits a transformers class reference: `modeling_x.MyModel`, or `owner/repo--modeling_x.MyModel`
 * which transformers fetches from another repo at its default branch, escaping the revision the
 * user pinned (THREATS.md B28). A reference whose module is a path rather than a module name is
 * returned with `unsafe` set; a bare name with no module part is not a reference a loader can use.
 */
export function parseClassReference(ref: string): Parsed | undefined {
  let rest = ref.trim();
  let repo: string | undefined;
  const sep = rest.indexOf("--");
  if (sep > 0) {
    repo = rest.slice(0, sep);
    rest = rest.slice(sep + 2);
  }
  const dot = rest.lastIndexOf(".");
  const module = dot < 0 ? rest : rest.slice(0, dot);
  const className = dot < 0 ? "" : rest.slice(dot + 1);
  const moduleReason = module ? unsafeModuleReason(module) : undefined;
  const classReason = className && !IDENTIFIER.test(className) ? unsafeModuleReason(className) ?? "a class name that is not a Python identifier" : undefined;
  const repoReason = repo !== undefined && (!REPO_ID.test(repo) || repo.split("/").some((p) => p === "." || p === "..")) ? "a repo id that is not owner/name" : undefined;
  const unsafe = moduleReason ?? classReason ?? repoReason;
  if (!unsafe && (dot <= 0 || dot === rest.length - 1)) return undefined;
  const p: Parsed = { module: module || rest };
  if (className) p.className = className;
  // A malformed repo id is not looked up on the Hub: the whole reference is reported as unsafe instead.
  if (repo && !repoReason) p.repo = repo;
  if (unsafe) p.unsafe = unsafe;
  return p;
}

function locate(module: string, configPath: string, files: readonly RepoFile[]): { file: string; present: boolean } {
  const rel = `${module.replace(/\./g, "/")}.py`;
  const dir = dirOf(configPath);
  const candidates = dir ? [`${dir}/${rel}`, rel] : [rel];
  const paths = new Set(files.map((f) => f.path));
  const found = candidates.find((c) => paths.has(c));
  return { file: found ?? (candidates[0] as string), present: found !== undefined };
}

/** Every class reference in a config: `auto_map` (string or [slow, fast] lists) and `custom_pipelines.*.impl`. */
export function classReferences(config: Record<string, unknown>): { key: string; ref: string }[] {
  const out: { key: string; ref: string }[] = [];
  const autoMap = config["auto_map"];
  if (isRecord(autoMap)) {
    for (const [k, v] of Object.entries(autoMap)) {
      const values = Array.isArray(v) ? v : [v];
      values.forEach((x, i) => {
        if (typeof x === "string" && x.trim()) out.push({ key: Array.isArray(v) ? `auto_map.${k}[${i}]` : `auto_map.${k}`, ref: x });
      });
    }
  } else if (Array.isArray(autoMap)) {
    // Old tokenizer configs list [slow, fast] directly.
    autoMap.forEach((x, i) => {
      if (typeof x === "string" && x.trim()) out.push({ key: `auto_map[${i}]`, ref: x });
    });
  }
  const pipelines = config["custom_pipelines"];
  if (isRecord(pipelines)) {
    for (const [task, spec] of Object.entries(pipelines)) {
      if (isRecord(spec) && typeof spec["impl"] === "string") out.push({ key: `custom_pipelines.${task}.impl`, ref: spec["impl"] });
    }
  }
  return out;
}

/** sentence-transformers `modules.json`: a module type outside the library is repo code. */
function sentenceTransformerReferences(raw: unknown): { key: string; ref: string }[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((m, i) =>
    isRecord(m) && typeof m["type"] === "string" && !m["type"].startsWith("sentence_transformers.") ? [{ key: `modules[${i}].type`, ref: m["type"] }] : [],
  );
}

/**
 * Reads configs (`config.json`, `tokenizer_config.json`, processor configs, sentence-transformers
 * `modules.json`) for the code a loader would import, and says whether each module is in this
 * repo, missing, or in another repo.
 */
export const remoteCodeReferenceInspector: Inspector = {
  name: "remote-code-references",
  accepts: (p) => p.depth === 0 && p.format === "json" && (CONFIG_NAME.test(p.name) || p.name === "modules.json"),
  async *inspect(artifact, probe, ctx) {
    const text = await readText(artifact, MAX_JSON_BYTES, "MAX_JSON_BYTES", ctx.signal);
    let refs: { key: string; ref: string }[] = [];
    if (probe.name === "modules.json") {
      try {
        refs = sentenceTransformerReferences(JSON.parse(text));
      } catch {
        return;
      }
    } else {
      const config = parseJsonObject(text);
      if (!config) return;
      refs = classReferences(config);
    }
    const out: Fact[] = [];
    for (const { key, ref } of refs) {
      const parsed = parseClassReference(ref);
      if (!parsed) continue;
      const path = artifact.ref.path;
      let reference: RemoteCodeReference;
      if (parsed.unsafe) {
        // Never resolved against the repo listing: the file it names is wherever the path leads.
        reference = { source: path, key, module: parsed.module, file: ref.trim(), present: false, unsafe: parsed.unsafe };
        if (parsed.repo) reference.repo = parsed.repo;
      } else if (parsed.repo) {
        reference = { source: path, key, module: parsed.module, repo: parsed.repo, file: `${parsed.module.replace(/\./g, "/")}.py`, present: false };
      } else {
        reference = { source: path, key, module: parsed.module, ...locate(parsed.module, path, ctx.files) };
      }
      if (parsed.className) reference.className = parsed.className;
      out.push(fact("remote-code.reference", reference, artifact.ref));
    }
    yield* out;
  },
};
