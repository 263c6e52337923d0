import { hubDriftCheck } from "./hub-drift-check.js";

export const lockAccessChanged = hubDriftCheck("lock-access-changed", ["now-gated", "now-private"], (f) => {
  const o = f.data.observation;
  if (o.state === "now-private") return { messageId: "private" };
  return { data: { gated: o.state === "now-gated" ? o.gated : "" } };
});
