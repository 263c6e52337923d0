import { defineCheck } from "../../types/check.js";
import "../../diff/facts.js";

export const diffRemoteCodeChanged = defineCheck({
  name: "diff-remote-code-changed",
  consumes: ["diff.remote-code-changed"],
  check(f, ctx) {
    const { what, path, change, detail } = f.data;
    // Code that went away runs no more: listed in the diff, not a finding.
    if (change === "removed") return;
    ctx.report({ ...(what === "auto_map" ? { messageId: "auto_map" } : {}), artifact: { path }, key: `${what}:${path}:${detail}`, data: { path, change, detail } });
  },
});
