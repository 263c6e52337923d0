import { existsSync } from "node:fs";
import { resolve as resolvePath } from "node:path";
import { AccessError, ConfigError, SourceError } from "../errors.js";
import type { ResolvedSource } from "../types/source.js";
import { parseHubRef } from "./hub-ref.js";
import { resolveLocalSource } from "./local-dir.js";
import { detectHfCacheSnapshot, resolveHfCacheSource } from "./hf-cache.js";
import type { SourceParams } from "./source-params.js";

/** Decides what the target is and hands it to the matching source. */
export async function resolveSource(params: SourceParams): Promise<ResolvedSource> {
  const { target } = params;
  if (existsSync(target)) {
    const path = resolvePath(target);
    // The Hub client is loaded only for targets that talk to the Hub: local scans start faster.
    if (params.against) return (await import("./against.js")).resolveAgainst(params, path);
    // Silently scanning the folder as it is would let a user believe it was checked at that revision.
    if (params.revision) throw new ConfigError(`--revision applies to Hub targets; "${target}" is a local path (to compare it with a revision, use --against owner/name@${params.revision})`);
    const snapshot = detectHfCacheSnapshot(path);
    if (snapshot) return resolveHfCacheSource(params, snapshot);
    return resolveLocalSource({ input: target, path });
  }
  const ref = parseHubRef(target);
  if (!ref) throw new ConfigError(`"${target}" is neither an existing file or folder nor a Hub repo id (owner/name[@revision])`);
  if (params.against) throw new ConfigError("--against compares a local folder with the Hub; the target must be a local folder");
  if (ref.revision && params.revision && ref.revision !== params.revision) {
    throw new ConfigError(`revision given twice: "@${ref.revision}" in the target and --revision ${params.revision}`);
  }
  try {
    const { resolveHubSource } = await import("./hub.js");
    return await resolveHubSource(params, { repoId: ref.repoId, revision: ref.revision ?? params.revision ?? "main" });
  } catch (e) {
    // "models/llama" may be a mistyped local folder as much as a Hub id: say that neither exists.
    const plain = !target.startsWith("hf://") && !target.includes("@");
    if (plain && e instanceof SourceError && !(e instanceof AccessError) && (e.status === 404 || e.status === 401) && / repository not found /.test(e.message)) {
      throw new SourceError(`${e.message}; no local file or folder "${target}" exists either`, { cause: e, status: 404 });
    }
    throw e;
  }
}
