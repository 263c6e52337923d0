import { defineCheck } from "../../types/check.js";
import type { LicenseAttribute } from "./license-list.js";
import { cardView } from "../card/card-view.js";
import { declared, tableOf } from "./declared.js";

/** One check per attribute so a policy can allow RAIL licenses and still block non-commercial ones. */
function restrictedCheck(name: string, attribute: LicenseAttribute) {
  return defineCheck({
    name,
    consumes: ["card.metadata"],
    check(f, ctx) {
      if (!f.artifact || f !== cardView(ctx.facts).metadata) return;
      const line = f.data.fieldLines["license"];
      const at = { artifact: f.artifact, ...(line ? { region: { startLine: line.startLine, endLine: line.endLine } } : {}) };
      for (const d of declared(f.data.license, f.data.licenseName, tableOf(ctx))) {
        if (d.cls.kind === "invalid" || !d.cls.attributes.includes(attribute)) continue;
        const name = d.cls.kind === "hub" ? d.cls.entry.name : d.cls.expression;
        ctx.report({ ...at, data: { license: d.label, name }, key: d.label });
      }
    },
  });
}

export const licenseNonCommercial = restrictedCheck("license-non-commercial", "non-commercial");
export const licenseUseRestricted = restrictedCheck("license-use-restricted", "use-restricted");
