import { defineCheck } from "../../types/check.js";
import type { FactOf } from "../../types/fact.js";
import { cardView, sectionEvidence, sectionsAbout, sectionsKnown } from "./card-view.js";

function configNote(config: FactOf<"config.architecture">[]): string {
  const c = config[0];
  if (!c) return "";
  const what = [...c.data.architectures, ...(c.data.modelType ? [`model_type ${c.data.modelType}`] : [])].join(", ");
  return what ? ` (${c.data.source} says ${what})` : "";
}

export const cardArchitectureUndocumented = defineCheck({
  name: "card-architecture-undocumented",
  consumes: [],
  finish(ctx) {
    const view = cardView(ctx.facts);
    if (!view.document || !sectionsKnown(view)) return;
    if (sectionsAbout(view, "architecture", "content").length > 0) return;
    const config = configNote(view.config);
    const placeholder = sectionsAbout(view, "architecture", "placeholder")[0];
    const artifact = view.document.artifact;
    if (placeholder) {
      ctx.report({
        ...(artifact ? { artifact } : {}),
        ...(placeholder.region ? { region: placeholder.region } : {}),
        messageId: "placeholder",
        data: { heading: placeholder.data.heading, config },
        evidence: [sectionEvidence(placeholder, "holds only the template placeholder")],
      });
      return;
    }
    ctx.report({ ...(artifact ? { artifact } : {}), data: { config } });
  },
});
