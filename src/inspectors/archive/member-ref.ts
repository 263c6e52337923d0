import type { Artifact, ArtifactRef, ByteSource } from "../../types/artifact.js";

/** A member artifact: its ref is the member name under the container's ref (`model.bin!/archive/data.pkl`). */
export function memberArtifact(parent: ArtifactRef, name: string, source: ByteSource): Artifact {
  return { ref: { path: name, parent }, source, origin: "member" };
}
