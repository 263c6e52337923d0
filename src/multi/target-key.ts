import type { ScanTarget } from "../types/source.js";

/**
 * A short name for a target that is stable across machines and shards: `owner/name` (with
 * `@revision` unless it is main) for Hub and HF-cache targets, the path as typed for local ones.
 * Many-model reports sort by it and SARIF puts each target's files under it, so two models'
 * `config.json` never become one file. An absolute or `..` path is cut to its last segment: the
 * key must not carry a machine's folder layout into a shared report.
 */
export function targetKey(t: Pick<ScanTarget, "kind" | "input" | "repoId" | "revision">): string {
  if (t.repoId && (t.kind === "hub" || t.kind === "hf-cache")) {
    return t.revision && t.revision !== "main" ? `${t.repoId}@${t.revision}` : t.repoId;
  }
  const path = t.input.replace(/\\/g, "/").replace(/^(\.\/)+/, "").replace(/\/+$/, "");
  const parts = path.split("/").filter((p) => p.length > 0 && p !== ".");
  const absolute = /^([A-Za-z]:)?\//.test(path) || /^[A-Za-z]:$/.test(parts[0] ?? "");
  if (absolute || parts.includes("..")) return parts[parts.length - 1] ?? "local";
  return parts.join("/") || "local";
}

/** Keys for many targets, in order; a repeated key gets `~2`, `~3`… so every target stays distinct. */
export function uniqueKeys(keys: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return keys.map((k) => {
    const n = (seen.get(k) ?? 0) + 1;
    seen.set(k, n);
    return n === 1 ? k : `${k}~${n}`;
  });
}
