import { defineCheck } from "../../types/check.js";
import { cardView, sectionEvidence, sectionsKnown } from "./card-view.js";

/** At least this many placeholder-only sections, and no fewer than sections with content. */
const MIN_PLACEHOLDERS = 3;

export const cardMostlyPlaceholders = defineCheck({
  name: "card-mostly-placeholders",
  consumes: [],
  finish(ctx) {
    const view = cardView(ctx.facts);
    if (!view.document || !sectionsKnown(view)) return;
    const placeholders = view.sections.filter((s) => s.data.state === "placeholder");
    const content = view.sections.filter((s) => s.data.state === "content");
    if (placeholders.length < MIN_PLACEHOLDERS || placeholders.length < content.length) return;
    const artifact = view.document.artifact;
    ctx.report({
      ...(artifact ? { artifact } : {}),
      data: { placeholders: placeholders.length, total: placeholders.length + content.length },
      evidence: placeholders.slice(0, 20).map((s) => sectionEvidence(s, "holds only template placeholders")),
    });
  },
});
