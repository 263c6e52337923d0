import { defineCheck } from "../../types/check.js";
import { cardView } from "../card/card-view.js";

/** `license: other` must come with `license_name`, and with `license_link` or a LICENSE file. */
export const licenseOtherUnnamed = defineCheck({
  name: "license-other-unnamed",
  consumes: ["card.metadata"],
  check(f, ctx) {
    if (!f.artifact || f !== cardView(ctx.facts).metadata) return;
    if (!f.data.license.some((l) => l.toLowerCase() === "other")) return;
    const line = f.data.fieldLines["license"];
    const at = { artifact: f.artifact, ...(line ? { region: { startLine: line.startLine, endLine: line.endLine } } : {}) };
    if (!f.data.licenseName) {
      ctx.report(at);
      return;
    }
    const hasFile = cardView(ctx.facts).licenseFiles.length > 0 || ctx.files.some((x) => /^(licen[sc]e|copying)([-_.][\w.-]*)?$/i.test(x.path));
    if (!f.data.licenseLink && !hasFile) ctx.report({ ...at, messageId: "noText", data: { name: f.data.licenseName } });
  },
});
