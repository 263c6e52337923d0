import { defineCheck } from "../../types/check.js";
import { refToString } from "../../types/artifact.js";
import { cardView } from "../card/card-view.js";
import { declared, licenseKeys, names, tableOf } from "./declared.js";

/**
 * A LICENSE file recognised as one license while the card declares another. A card with
 * `license: other` is not compared: its LICENSE file is the custom text the card points to.
 */
export const licenseFileMismatch = defineCheck({
  name: "license-file-mismatch",
  consumes: ["license.file"],
  check(f, ctx) {
    if (!f.artifact || !f.data.identified) return;
    const meta = cardView(ctx.facts).metadata;
    if (!meta || meta.data.license.length === 0) return;
    const table = tableOf(ctx);
    const ds = declared(meta.data.license, meta.data.licenseName, table);
    if (ds.some((d) => d.cls.kind === "hub" && (d.cls.id === "other" || d.cls.id === "unknown"))) return;
    const keys = licenseKeys(ds, table);
    if (keys.has(f.data.identified)) return;
    const entry = table.byId.get(f.data.identified);
    ctx.report({
      artifact: f.artifact,
      data: { file: refToString(f.artifact), identified: entry ? `${entry.name} (${entry.id})` : f.data.identified, declared: names(ds) },
      evidence: [
        { text: `${refToString(f.artifact)} begins "${f.data.title ?? ""}"`, artifact: f.artifact },
        { text: `README.md license: ${names(ds)}`, ...(meta.artifact ? { artifact: meta.artifact } : {}), ...(meta.region ? { region: meta.region } : {}) },
      ],
    });
  },
});
