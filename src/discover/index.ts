export { discover, type DiscoverParams } from "./discover.js";
export { renderDiscover, DISCOVER_FORMATS, type DiscoverFormat } from "./render.js";
export { renderDiscoverJson, toDiscoverJson } from "./render-json.js";
export { renderDiscoverSarif, toDiscoverSarif } from "./render-sarif.js";
export { renderDiscoverText } from "./render-text.js";
export type { DiscoverReport, DiscoverReference, DiscoverLocation, DiscoverSkip, DiscoverVerdict, RepoKind } from "./types.js";
