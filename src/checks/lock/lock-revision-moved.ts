import { hubDriftCheck } from "./hub-drift-check.js";

export const lockRevisionMoved = hubDriftCheck("lock-revision-moved", ["moved", "revision-deleted"], (f) => {
  const o = f.data.observation;
  if (o.state !== "moved") return { messageId: "revision-deleted" };
  return { data: { to: o.to, summary: f.data.summary ?? "see the changes listed" } };
});
