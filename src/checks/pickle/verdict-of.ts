import type { CheckContext } from "../../types/check.js";
import { classifyGlobal, type Verdict } from "./classify-global.js";
import { globalLists } from "./global-lists.js";

export interface GlobalRef {
  module: string | null;
  name: string | null;
  unresolved?: string;
  extCode?: number;
  written?: string;
}

/** " (written __builtin__.eval, a Python 2 name)" when the unpickler imports another name than the stream spells. */
export function writtenNote(g: GlobalRef): string {
  return g.written !== undefined ? ` (written ${g.written}, a Python 2 name)` : "";
}

/** The reason text the walker gives for names computed by a call or persistent_load at load time. */
export const COMPUTED = "computed while unpickling";

/** Tier of one imported global, including those the walker could not resolve. Undefined for EXT codes (their own rule). */
export function verdictOf(g: GlobalRef, ctx: CheckContext): Verdict | undefined {
  if (g.extCode !== undefined) return undefined;
  if (g.module === null || g.name === null) {
    if (g.unresolved === COMPUTED) return { tier: "dangerous", category: "obfuscation", reason: "the import name is computed while unpickling" };
    return { tier: "unknown", category: "unknown", reason: g.unresolved ?? "unresolved" };
  }
  return classifyGlobal(g.module, g.name, globalLists((n) => ctx.list(n)));
}

export function hexOffset(n: number): string {
  return `0x${n.toString(16)}`;
}
