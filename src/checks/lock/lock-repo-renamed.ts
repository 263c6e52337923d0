import { hubDriftCheck } from "./hub-drift-check.js";

export const lockRepoRenamed = hubDriftCheck("lock-repo-renamed", ["renamed"], (f) => {
  const o = f.data.observation;
  return { data: { to: o.state === "renamed" ? o.to : "" } };
});
