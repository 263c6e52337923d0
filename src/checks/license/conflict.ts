import type { LicenseAttribute } from "./license-list.js";

/**
 * Why an upstream license's terms are not carried by the model's license, or undefined when they are.
 * Non-commercial and no-derivative terms bind every derivative; RAIL/Llama/Gemma-style use
 * restrictions must be passed on; share-alike needs the same (or a copyleft) license downstream.
 */
export function conflictReason(upstream: ReadonlySet<LicenseAttribute>, ours: ReadonlySet<LicenseAttribute>, kind: "model" | "dataset"): string | undefined {
  if (upstream.has("non-commercial") && !ours.has("non-commercial")) return kind === "dataset" ? "trained on non-commercial data" : "non-commercial";
  if (kind === "dataset") return undefined;
  if (upstream.has("no-derivatives")) return "no derivatives allowed";
  if (upstream.has("use-restricted") && !ours.has("use-restricted")) return "its use restrictions must be passed on to derivatives";
  if (upstream.has("copyleft") && !upstream.has("family") && !ours.has("copyleft")) return "share-alike: derivatives must keep its license";
  return undefined;
}
