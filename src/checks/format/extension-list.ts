import type { Format } from "../../types/format.js";
import { FORMATS } from "../../types/format.js";

export interface ExtensionPromise {
  extension: string;
  formats: Format[];
  dataOnly: boolean;
  heuristic: boolean;
}

const CODE_BEARING: ReadonlySet<Format> = new Set(["pickle", "pytorch-legacy", "joblib", "pytorch-zip"]);

export function isCodeBearing(f: Format): boolean {
  return CODE_BEARING.has(f);
}

/** Reads `rules/_lists/format-extensions.yaml` (plus policy additions), dropping malformed entries. */
export function extensionPromises(raw: unknown): Map<string, ExtensionPromise> {
  const out = new Map<string, ExtensionPromise>();
  const entries = typeof raw === "object" && raw !== null && "entries" in raw ? (raw as { entries: unknown }).entries : undefined;
  if (!Array.isArray(entries)) return out;
  for (const e of entries as unknown[]) {
    if (typeof e !== "object" || e === null) continue;
    const r = e as Record<string, unknown>;
    if (typeof r["extension"] !== "string" || !Array.isArray(r["formats"])) continue;
    const formats = (r["formats"] as unknown[]).filter((f): f is Format => typeof f === "string" && (FORMATS as readonly string[]).includes(f));
    out.set(r["extension"].toLowerCase(), { extension: r["extension"].toLowerCase(), formats, dataOnly: r["dataOnly"] === true, heuristic: r["heuristic"] === true });
  }
  return out;
}

export function extensionOf(name: string): string | undefined {
  const i = name.lastIndexOf(".");
  return i > 0 ? name.slice(i + 1).toLowerCase() : undefined;
}
