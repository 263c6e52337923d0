import { SourceError } from "../errors.js";
import type { ResolvedSource } from "../types/source.js";
import type { SourceParams } from "./resolve.js";

export async function resolveAgainst(params: SourceParams, _path: string): Promise<ResolvedSource> {
  throw new SourceError(`--against ${params.against ?? ""}: not built yet`);
}
