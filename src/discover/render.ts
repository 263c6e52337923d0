import { renderDiscoverJson } from "./render-json.js";
import { renderDiscoverSarif } from "./render-sarif.js";
import { renderDiscoverText } from "./render-text.js";
import type { DiscoverReport } from "./types.js";

export const DISCOVER_FORMATS = ["text", "json", "sarif"] as const;
export type DiscoverFormat = (typeof DISCOVER_FORMATS)[number];

export function renderDiscover(format: DiscoverFormat, r: DiscoverReport, opts: { color: boolean } = { color: false }): string {
  if (format === "json") return renderDiscoverJson(r);
  if (format === "sarif") return renderDiscoverSarif(r);
  return renderDiscoverText(r, opts);
}
