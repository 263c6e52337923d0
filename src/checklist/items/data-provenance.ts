import { cardView, linesText, sectionEvidence, sectionsAbout } from "../../checks/card/card-view.js";
import type { Evidence } from "../../types/finding.js";
import { findingEvidence } from "../by-findings.js";
import type { ItemEvaluator } from "../item-context.js";

/**
 * Findings that ask for review without failing the item: known license terms that may not fit the
 * user's purpose (a policy decides), and intended use/limitations gaps, which are reported here
 * but say nothing about where the data came from (TinyLlama names its datasets and license).
 */
const POLICY_DECIDES = new Set(["license-non-commercial", "license-use-restricted", "card-use-limitations-missing"]);
const FAILING = new Set(["critical", "high", "medium"]);

/**
 * Item 2: datasets named and resolvable, their licenses known and compatible, the base-model
 * lineage known. Restricted-but-known licenses ask for review rather than failing the item.
 */
export const dataProvenance: ItemEvaluator = (ctx) => {
  const view = cardView(ctx.facts);
  const evidence: Evidence[] = [];
  const meta = view.metadata;
  const at = (field: string): Pick<Evidence, "artifact" | "region"> => {
    const l = meta?.data.fieldLines[field];
    return { ...(meta?.artifact ? { artifact: meta.artifact } : {}), ...(l ? { region: { startLine: l.startLine, endLine: l.endLine } } : {}) };
  };
  if (meta && meta.data.license.length > 0) evidence.push({ text: `license: ${meta.data.license.join(", ")}${meta.data.licenseName ? ` (${meta.data.licenseName})` : ""}`, ...at("license") });
  if (meta && meta.data.datasets.length > 0) evidence.push({ text: `datasets named in the card: ${meta.data.datasets.join(", ")}`, ...at("datasets") });
  for (const s of sectionsAbout(view, "trainingData", "content").slice(0, 5)) evidence.push(sectionEvidence(s, "describes the training data"));
  for (const st of view.trainingStatements.slice(0, 5)) {
    evidence.push({ text: `README.md ${linesText(st.region)}: "${st.data.text}" (${st.data.reason})`, ...(st.artifact ? { artifact: st.artifact } : {}), ...(st.region ? { region: st.region } : {}) });
  }
  for (const f of view.licenseFiles) if (f.artifact) evidence.push({ text: `${f.artifact.path}: ${f.data.identified ?? `unrecognised license text "${f.data.title ?? ""}"`}`, artifact: f.artifact });
  for (const m of view.models) {
    const lic = m.data.license.length > 0 ? `license ${m.data.license.join(", ")}` : "no license declared";
    evidence.push({ text: `base model ${"  ".repeat(m.data.depth - 1)}${m.data.repoId}${m.data.parent ? ` (of ${m.data.parent})` : ""}: ${m.data.status}${m.data.status === "found" ? `, ${lic}` : m.data.detail ? ` (${m.data.detail})` : ""}` });
  }
  for (const d of view.datasets) {
    evidence.push({ text: `dataset ${d.data.repoId}: ${d.data.status}${d.data.status === "found" ? `, license ${d.data.license.join(", ") || "not declared"}` : d.data.detail ? ` (${d.data.detail})` : ""}` });
  }

  const failing = ctx.findings.filter((f) => FAILING.has(f.severity) && !POLICY_DECIDES.has(f.ruleName));
  if (failing.length > 0) {
    return { status: "fail", summary: `${failing.length} finding(s) at medium severity or above`, evidence: [...failing.map(findingEvidence), ...evidence] };
  }
  if (!view.document) {
    if (ctx.target.kind === "local-file") return { status: "not-checked", summary: "a single file has no model card; check its origin, data and license by hand", evidence };
    return { status: "review", summary: "no model card was read", evidence: [...ctx.findings.map(findingEvidence), ...evidence] };
  }
  const review = ctx.findings.filter((f) => f.severity === "low" || POLICY_DECIDES.has(f.ruleName));
  if (review.length > 0) {
    return { status: "review", summary: `${review.length} finding(s) need a person's judgement (${ctx.meta.reviewGuidance})`, evidence: [...review.map(findingEvidence), ...evidence] };
  }
  const named = (meta?.data.datasets.length ?? 0) > 0 || sectionsAbout(view, "trainingData", "content").length > 0 || view.trainingStatements.length > 0;
  if (!named) return { status: "review", summary: "the card does not say what the model was trained on", evidence };
  const verified = view.models.filter((m) => m.data.status === "found").length;
  const parts = [
    `training data named${meta && meta.data.datasets.length > 0 ? ` (${meta.data.datasets.length} dataset(s))` : ""}`,
    `license ${meta?.data.license.join(", ") ?? "?"}`,
    view.models.length > 0 ? `${verified} base model(s) verified on the Hub` : "no base model declared",
  ];
  if (meta?.region) evidence.unshift({ text: `README.md front matter ${linesText(meta.region)}`, ...(meta.artifact ? { artifact: meta.artifact } : {}), region: meta.region });
  return { status: "pass", summary: parts.join("; "), evidence };
};
