import { defineCheck } from "../../types/check.js";
import type { Evidence } from "../../types/finding.js";
import { cardView, sectionEvidence, sectionsAbout, sectionsKnown } from "./card-view.js";

/**
 * Intended use and limitations both missing is the red flag (rule severity); one of them missing
 * is reported at low severity. "Usage"/"How to use" sections never count as intended use.
 */
export const cardUseLimitationsMissing = defineCheck({
  name: "card-use-limitations-missing",
  consumes: [],
  finish(ctx) {
    const view = cardView(ctx.facts);
    if (!view.document || !sectionsKnown(view)) return;
    const use = sectionsAbout(view, "intendedUse", "content").length > 0;
    const limits = sectionsAbout(view, "limitations", "content").length > 0;
    if (use && limits) return;
    const evidence: Evidence[] = [
      ...(use ? [] : sectionsAbout(view, "intendedUse", "placeholder")),
      ...(limits ? [] : sectionsAbout(view, "limitations", "placeholder")),
    ].map((s) => sectionEvidence(s, "holds only the template placeholder"));
    const artifact = view.document.artifact;
    const at = artifact ? { artifact } : {};
    if (!use && !limits) {
      ctx.report({ ...at, evidence });
      return;
    }
    ctx.report({ ...at, messageId: "one", severity: "low", data: { missing: use ? "limitations" : "intended use" }, evidence });
  },
});
