import { defineCheck } from "../../types/check.js";
import { cardView } from "../card/card-view.js";
import { classifyLicense } from "./license-list.js";
import { tableOf } from "./declared.js";

/** A `license` value that is neither a Hub identifier nor a valid SPDX expression, or `unknown`. */
export const licenseUnknownId = defineCheck({
  name: "license-unknown-id",
  consumes: ["card.metadata"],
  check(f, ctx) {
    if (!f.artifact || f !== cardView(ctx.facts).metadata) return;
    const table = tableOf(ctx);
    const line = f.data.fieldLines["license"];
    const at = { artifact: f.artifact, ...(line ? { region: { startLine: line.startLine, endLine: line.endLine } } : {}) };
    for (const value of f.data.license) {
      const cls = classifyLicense(value, table);
      if (cls.kind === "invalid") ctx.report({ ...at, data: { license: value }, key: value });
      else if (cls.kind === "hub" && cls.id === "unknown") ctx.report({ ...at, messageId: "declaredUnknown", key: value });
    }
  },
});
