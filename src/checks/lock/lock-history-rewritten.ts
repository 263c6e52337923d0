import { hubDriftCheck } from "./hub-drift-check.js";

export const lockHistoryRewritten = hubDriftCheck("lock-history-rewritten", ["rewritten"], (f) => {
  const o = f.data.observation;
  const head = o.state === "rewritten" ? o.head : undefined;
  return { data: { headText: head ? `; "${f.data.revision}" now points at ${head}` : "" } };
});
