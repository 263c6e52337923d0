import { SourceError } from "../errors.js";
import type { ResolvedSource } from "../types/source.js";
import type { SourceParams } from "./resolve.js";

export async function resolveHubSource(_params: SourceParams, ref: { repoId: string; revision: string }): Promise<ResolvedSource> {
  throw new SourceError(`${ref.repoId}: Hub source not built yet`);
}
