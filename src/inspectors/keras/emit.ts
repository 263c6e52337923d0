import type { ArtifactRef } from "../../types/artifact.js";
import { fact, type Fact } from "../../types/fact.js";
import type { Region } from "../../types/region.js";
import { parseStrictJson } from "../safetensors/strict-json.js";
import { analyseKerasConfig } from "./analyse-config.js";
import type { KerasModel, KerasSource } from "./facts.js";

/**
 * Parses one Keras config (bytes at file offset `base`) and turns it into facts, with each lambda
 * and reference located by the byte range of its JSON object.
 */
export function kerasConfigFacts(bytes: Uint8Array, base: number, source: KerasSource, ref: ArtifactRef, extra: Partial<KerasModel> = {}): Fact[] {
  const parsed = parseStrictJson(bytes, base, { recordObjects: true });
  const a = analyseKerasConfig(parsed.value, source);
  const regionOf = (pointer: string): Region | undefined => {
    const o = parsed.objects.get(pointer);
    return o ? { byteOffset: o.start, byteLength: o.end - o.start } : undefined;
  };
  const model: KerasModel = { source, layerCount: a.layerCount, ...extra };
  if (a.className !== undefined) model.className = a.className;
  const facts: Fact[] = [fact("keras.model", model, ref)];
  for (const l of a.lambdas) facts.push(fact("keras.lambda", l, ref, regionOf(l.pointer)));
  for (const r of a.references) facts.push(fact("keras.reference", r, ref, regionOf(r.pointer)));
  return facts;
}
