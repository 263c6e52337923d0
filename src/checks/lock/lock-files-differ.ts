import { hubDriftCheck } from "./hub-drift-check.js";

/** Paths named in the message; the rest are in the evidence. */
const SHOWN = 5;

export const lockFilesDiffer = hubDriftCheck("lock-files-differ", ["files-differ"], (f) => {
  const o = f.data.observation;
  const paths = o.state === "files-differ" ? o.paths : [];
  const shown = paths.slice(0, SHOWN).join(", ") + (paths.length > SHOWN ? `, … (${paths.length - SHOWN} more)` : "");
  return { data: { count: paths.length, paths: shown }, evidence: paths.map((p) => ({ text: `differs: ${p}` })) };
});
