import type { CheckContext } from "../../types/check.js";
import type { PickleReading } from "../../inspectors/pickle/facts.js";
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

/** Which reading of the bytes meets an import or call, when it is not the linear one every reader shares. */
export function readingNote(reading: PickleReading | undefined): string {
  return reading === "c-unpickler-file"
    ? "; met only when CPython's C unpickler reads the file through its FRAME buffer (torch.load of a zip checkpoint, pickle.load of a BytesIO), which skips the rest of a frame an argument runs past; pickle.loads, pickle.py and pickletools read other opcodes there"
    : "";
}
