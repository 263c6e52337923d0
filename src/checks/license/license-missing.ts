import { defineCheck } from "../../types/check.js";
import { refToString } from "../../types/artifact.js";
import { cardView } from "../card/card-view.js";
import { tableOf } from "./declared.js";

/** A card whose metadata was read but holds no `license`. Refused metadata is card-metadata-invalid's finding. */
export const licenseMissing = defineCheck({
  name: "license-missing",
  consumes: [],
  finish(ctx) {
    const view = cardView(ctx.facts);
    if (!view.document || view.document.data.frontMatter === "refused") return;
    if ((view.metadata?.data.license.length ?? 0) > 0) return;
    const at = view.document.artifact ? { artifact: view.document.artifact } : {};
    const file = view.licenseFiles[0];
    if (file?.artifact) {
      const entry = file.data.identified ? tableOf(ctx).byId.get(file.data.identified) : undefined;
      const identified = entry ? `${entry.name} (${entry.id})` : file.data.title ? `"${file.data.title}"` : "a license text";
      ctx.report({ ...at, messageId: "fileOnly", severity: "low", data: { file: refToString(file.artifact), identified } });
      return;
    }
    ctx.report(at);
  },
});
