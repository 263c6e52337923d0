import type { CheckContext } from "../../types/check.js";
import type { FactOf } from "../../types/fact.js";
import "../../inspectors/skops/facts.js";
import type { Verdict } from "../pickle/classify-global.js";
import { verdictOf } from "../pickle/verdict-of.js";

/**
 * The pickle tiers for one skops import: skops.io imports these names with importlib just as an
 * unpickler does, so the pickle safe/dangerous lists (and their alias and re-rooting rules) apply.
 */
export function skopsVerdict(f: FactOf<"skops.reference">, ctx: CheckContext): Verdict | undefined {
  return verdictOf({ module: f.data.module, name: f.data.name }, ctx);
}

/** Message fields shared by the skops rules. */
export interface SkopsMessageData {
  [field: string]: string;
  path: string;
  global: string;
  loader: string;
  pointer: string;
  declared: string;
  times: string;
}

export function skopsData(f: FactOf<"skops.reference">, path: string): SkopsMessageData {
  const d = f.data;
  return {
    path,
    global: `${d.module}.${d.name}`,
    loader: d.loader,
    pointer: d.pointer,
    declared: d.declared ? ` (the node claims ${d.declared})` : "",
    times: d.count > 1 ? ` (${d.count} nodes)` : "",
  };
}
