import { refToString, type ArtifactRef } from "../types/artifact.js";
import type { CheckContext } from "../types/check.js";
import type { Region } from "../types/region.js";

/** One structural problem of a weight-file header (GGUF, safetensors), as the inspectors report it. */
export interface HeaderProblemFact {
  data: { code: string; detail: string; subject?: string };
  artifact?: ArtifactRef;
  region?: Region;
}

/**
 * Reports a header problem at its bytes, the detail as evidence. One finding per code, subject
 * and offset, so two bad tensors (or one tensor bad twice at different places) stay apart.
 */
export function reportHeaderProblem(f: HeaderProblemFact, ctx: CheckContext): void {
  if (!f.artifact) return;
  ctx.report({
    artifact: f.artifact,
    ...(f.region ? { region: f.region } : {}),
    data: { path: refToString(f.artifact), code: f.data.code, detail: f.data.detail },
    key: `${f.data.code}\0${f.data.subject ?? ""}\0${f.region?.byteOffset ?? ""}`,
    evidence: [{ text: f.data.detail, artifact: f.artifact, ...(f.region ? { region: f.region } : {}) }],
  });
}
