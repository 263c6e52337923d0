import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import { cardView } from "../card/card-view.js";
import { tableOf } from "./declared.js";

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
      // The text may still be in the repo (decapoda-research/llama-7b-hf ships the LLaMA license):
      // say where, so the reader knows what to open.
      const file = cardView(ctx.facts).licenseFiles.find((l) => l.artifact);
      if (file?.artifact) {
        const entry = file.data.identified ? tableOf(ctx).byId.get(file.data.identified) : undefined;
        const title = entry ? `recognised as ${entry.name} (${entry.id})` : file.data.title ? `"${file.data.title}"` : "an unrecognised text";
        ctx.report({ ...at, messageId: "withFile", data: { file: refToString(file.artifact), title } });
        return;
      }
      // Neither a name nor a text: the terms are unknown, as with no license at all.
      ctx.report({ ...at, severity: "medium" });
      return;
    }
    const hasFile = cardView(ctx.facts).licenseFiles.length > 0 || ctx.files.some((x) => /^(licen[sc]e|copying)([-_.][\w.-]*)?$/i.test(x.path));
    if (!f.data.licenseLink && !hasFile) ctx.report({ ...at, messageId: "noText", data: { name: f.data.licenseName } });
  },
});
