import { cardView, sectionEvidence, sectionsAbout } from "../../checks/card/card-view.js";
import type { FactOf } from "../../types/fact.js";
import type { Evidence } from "../../types/finding.js";
import { evaluateByFindings } from "../by-findings.js";
import type { ItemEvaluator } from "../item-context.js";

/** "LlamaForCausalLM" → "llama", "StableDiffusion3Pipeline" → "stablediffusion3"; model_type as is. */
export function architectureNames(c: FactOf<"config.architecture">["data"]): string[] {
  const fromClass = c.architectures.map((a) => a.replace(/(For[A-Z]\w*|Pipeline|LMHeadModel|Model)$/, ""));
  return [...new Set([...(c.modelType ? [c.modelType] : []), ...fromClass].map(compact).filter((n) => n.length >= 3))];
}

/**
 * The name and its family without a trailing variant ("granitemoe" → "granite", "qwen2" → "qwen"):
 * Granite 3.1 MoE cards say "Granite", Qwen2.5 cards say "Qwen2.5". The family must keep 4 letters.
 */
export function nameVariants(name: string): string[] {
  const family = name.replace(/(moe|\d+)+$/, "");
  return family !== name && family.length >= 4 ? [name, family] : [name];
}

function compact(s: string): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

/** Item 4: the card documents the architecture, and names what config.json declares. */
export const architectureDocumentation: ItemEvaluator = (ctx) => {
  const byFindings = evaluateByFindings(ctx);
  if (byFindings.status === "fail") return byFindings;
  // Low findings of this item (review) are shown beside what the item itself found.
  const reviewEvidence = byFindings.status === "review" ? byFindings.evidence : [];
  const view = cardView(ctx.facts);
  const documented = sectionsAbout(view, "architecture", "content");
  const configEvidence: Evidence[] = view.config.map((c) => ({
    text: `${c.data.source}: architectures ${c.data.architectures.join(", ") || "(none)"}${c.data.modelType ? `, model_type ${c.data.modelType}` : ""}`,
    ...(c.artifact ? { artifact: c.artifact } : {}),
  }));
  const sectionsEv = documented.slice(0, 5).map((s) => sectionEvidence(s, "documents the model"));
  if (!view.document) return { status: "review", summary: "no model card documents the architecture", evidence: [...byFindings.evidence, ...configEvidence] };
  if (documented.length === 0) {
    return { status: "review", summary: "the card does not document the architecture", evidence: [...byFindings.evidence, ...configEvidence] };
  }
  if (view.config.length === 0) {
    return { status: "review", summary: "architecture documented in the card; no config.json or model_index.json to compare it with", evidence: sectionsEv };
  }
  const haystack = compact([...documented.map((s) => `${s.data.heading} ${s.data.excerpt ?? ""}`), ...view.sections.filter((s) => s.data.level === 1).map((s) => s.data.heading), ...(view.metadata?.data.tags ?? [])].join(" "));
  const names = view.config.flatMap((c) => architectureNames(c.data));
  const named = names.filter((n) => nameVariants(n).some((v) => haystack.includes(v)));
  if (named.length === 0) {
    return {
      status: "review",
      summary: `the card's architecture description does not name what ${view.config[0]?.data.source ?? "config.json"} declares (${names.join(", ") || "nothing"})`,
      evidence: [...sectionsEv, ...configEvidence, ...reviewEvidence],
    };
  }
  if (byFindings.status === "review") return { ...byFindings, evidence: [...byFindings.evidence, ...sectionsEv, ...configEvidence] };
  return { status: "pass", summary: `architecture documented in the card and consistent with ${view.config[0]?.data.source ?? "config.json"} (${named.join(", ")})`, evidence: [...sectionsEv, ...configEvidence] };
};
