import { cardView, sectionEvidence, sectionsAbout } from "../../checks/card/card-view.js";
import type { Evidence } from "../../types/finding.js";
import { evaluateByFindings } from "../by-findings.js";
import type { ItemEvaluator } from "../item-context.js";

/**
 * Item 5: only part of a training pipeline can be seen from a repository (a documented procedure,
 * shipped scripts and arguments). That part is listed; how the pipeline was protected needs a person.
 */
export const trainingPipeline: ItemEvaluator = (ctx) => {
  const byFindings = evaluateByFindings(ctx);
  if (byFindings.status === "fail") return byFindings;
  // Low findings of this item (review) are shown beside what the item itself found.
  const reviewEvidence = byFindings.status === "review" ? byFindings.evidence : [];
  const view = cardView(ctx.facts);
  const procedure = sectionsAbout(view, "trainingProcedure", "content");
  const files = view.trainingFiles?.data;
  const evidence: Evidence[] = procedure.slice(0, 5).map((s) => sectionEvidence(s, "documents the training procedure"));
  const seen: string[] = [];
  if (procedure.length > 0) seen.push(`training procedure documented (${procedure.length} section(s))`);
  for (const p of files?.trainingArgs ?? []) {
    evidence.push({ text: `${p}: training arguments shipped${p.endsWith(".bin") ? " (a pickle of TrainingArguments: loading it runs code; see dependency scanning)" : ""}`, artifact: { path: p } });
  }
  if ((files?.trainingArgs.length ?? 0) > 0) seen.push(files?.trainingArgs.join(", ") ?? "");
  for (const p of files?.scripts ?? []) evidence.push({ text: `${p}: training script or configuration`, artifact: { path: p } });
  if ((files?.scripts.length ?? 0) > 0) seen.push(`${files?.scripts.length} training script(s)`);
  for (const p of files?.logs ?? []) evidence.push({ text: `${p}: training log or state`, artifact: { path: p } });
  if ((files?.logs.length ?? 0) > 0) seen.push(`${files?.logs.length} training log(s)`);
  const visible = seen.length > 0 ? `visible: ${seen.join("; ")}` : "nothing about the training pipeline is visible in the repository";
  return {
    status: "review",
    summary: `${visible}; the rest needs a person: ${ctx.meta.reviewGuidance}`,
    evidence: [...evidence, ...reviewEvidence],
  };
};
