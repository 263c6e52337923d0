import { defineCheck } from "../../types/check.js";
import { cardView, sectionEvidence, sectionsAbout, sectionsKnown } from "./card-view.js";

/**
 * Neither `datasets`, a Training Data section with real content, nor a sentence that names the data
 * ("trained on the TinyStories Dataset", rules/_lists/training-data-phrases.yaml) says what the
 * model was trained on.
 */
export const cardNoTrainingData = defineCheck({
  name: "card-no-training-data",
  consumes: [],
  finish(ctx) {
    const view = cardView(ctx.facts);
    if (!view.document || !sectionsKnown(view)) return;
    if ((view.metadata?.data.datasets.length ?? 0) > 0) return;
    if (sectionsAbout(view, "trainingData", "content").length > 0) return;
    if (view.trainingStatements.length > 0) return;
    const placeholder = sectionsAbout(view, "trainingData", "placeholder")[0];
    const artifact = view.document.artifact;
    if (placeholder) {
      ctx.report({
        messageId: "placeholder",
        data: { heading: placeholder.data.heading },
        ...(artifact ? { artifact } : {}),
        ...(placeholder.region ? { region: placeholder.region } : {}),
        evidence: [sectionEvidence(placeholder, "holds only the template placeholder")],
      });
      return;
    }
    ctx.report({ ...(artifact ? { artifact } : {}) });
  },
});
