import { cardView, sectionEvidence, sectionsAbout } from "../../checks/card/card-view.js";
import type { Evidence } from "../../types/finding.js";
import { evaluateByFindings } from "../by-findings.js";
import type { ItemEvaluator } from "../item-context.js";

/**
 * Item 3: the card (or a named dataset's card) states how personal data was filtered, anonymised
 * or consented to; each statement is quoted with its lines. Otherwise a person must ask.
 */
export const piiSanitization: ItemEvaluator = (ctx) => {
  const byFindings = evaluateByFindings(ctx);
  if (byFindings.status === "fail") return byFindings;
  // Low findings of this item (review) are shown beside what the item itself found.
  const reviewEvidence = byFindings.status === "review" ? byFindings.evidence : [];
  const view = cardView(ctx.facts);
  const evidence: Evidence[] = [];
  for (const p of view.pii) {
    const lines = p.region?.startLine ? `README.md ${p.region.endLine && p.region.endLine !== p.region.startLine ? `lines ${p.region.startLine}-${p.region.endLine}` : `line ${p.region.startLine}`}` : "README.md";
    evidence.push({ text: `${lines}: "${p.data.text}" (${p.data.reason})`, ...(p.artifact ? { artifact: p.artifact } : {}), ...(p.region ? { region: p.region } : {}) });
  }
  for (const s of sectionsAbout(view, "pii", "content")) evidence.push(sectionEvidence(s, "is about personal data"));
  for (const d of view.datasets) for (const st of d.data.piiStatements) evidence.push({ text: `dataset ${d.data.repoId} card line ${st.line}: "${st.text}"` });
  if (evidence.length > 0) {
    return { status: "pass", summary: `the publisher describes PII handling (${evidence.length} statement(s) quoted)`, evidence: [...reviewEvidence, ...evidence] };
  }
  const searched: string[] = [];
  if (view.document) searched.push(`README.md (${view.document.data.lines} lines, ${view.sections.length} sections)`);
  // A gated dataset's card may exist (hasCard) without its text having been read.
  const cards = view.datasets.filter((d) => d.data.cardRead && d.data.hasCard);
  if (cards.length > 0) searched.push(`dataset cards of ${cards.map((d) => d.data.repoId).join(", ")}`);
  const unsearched = view.datasets.filter((d) => !(d.data.cardRead && d.data.hasCard)).map((d) => d.data.repoId);
  const what = searched.length > 0 ? `searched ${searched.join(" and ")}` : "no model card to search";
  const evidenceOut: Evidence[] = [{ text: `${what} for statements about PII filtering, anonymisation, de-identification or consent (rules/_lists/pii-phrases.yaml); none found` }];
  if (unsearched.length > 0) evidenceOut.push({ text: `dataset cards not read: ${unsearched.join(", ")}` });
  return { status: "review", summary: `no statement about PII handling found; ${ctx.meta.reviewGuidance}`, evidence: [...evidenceOut, ...reviewEvidence] };
};
