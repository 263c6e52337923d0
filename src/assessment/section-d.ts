import "../inspectors/dependencies/facts.js";
import type { FactKind, FactOf } from "../types/fact.js";
import type { SectionDQuestion } from "./assessment-rules.js";
import { MAX_EVIDENCE, modelName, type AssessmentInput } from "./assessment-input.js";
import type { AssessmentEvidence, SectionDAnswer, SectionDStatus } from "./types.js";

interface Answer {
  answer: string;
  evidence: AssessmentEvidence[];
  status: SectionDStatus;
}

function factsOf<K extends FactKind>(input: AssessmentInput, kind: K): FactOf<K>[] {
  return input.facts.filter((f) => f.kind === kind) as unknown as FactOf<K>[];
}

const joinOr = (xs: readonly string[], none: string): string => (xs.length === 0 ? none : xs.join("; "));
/** A lineage entry's license as far as the scan knows it. */
const licenses = (l: readonly string[], status = "found"): string => (l.length > 0 ? l.join(", ") : status === "found" ? "no license declared" : "license not looked up");

/** 24: base models, datasets, loader libraries and versions, custom code, with their revisions. */
function dependencies(input: AssessmentInput): Answer {
  const r = input.report;
  const lineage = r.sections.lineage ?? [];
  const models = lineage.filter((l) => l.kind === "model");
  const datasets = lineage.filter((l) => l.kind === "dataset");
  const libraries = factsOf(input, "dependencies.library").map((f) => f.data);
  const savedWith = factsOf(input, "dependencies.saved-with").map((f) => f.data);
  const requirements = factsOf(input, "dependencies.requirement").map((f) => f.data);
  const remote = r.sections.remoteCode?.references ?? [];
  const commit = r.target.commitSha ?? r.target.against?.commitSha;
  const evidence: AssessmentEvidence[] = [];
  for (const m of models) evidence.push({ text: `base model ${m.repoId} (depth ${m.depth}${m.relation ? `, ${m.relation}` : ""}): ${m.status}, ${licenses(m.license, m.status)}; the card names no revision`, path: "README.md" });
  for (const d of datasets) evidence.push({ text: `dataset ${d.repoId}: ${d.status}, ${licenses(d.license, d.status)}; the card names no revision`, path: "README.md" });
  for (const l of libraries) evidence.push({ text: `loader library ${l.package} (${l.key})`, path: l.sourceFile });
  for (const s of savedWith) evidence.push({ text: `saved with ${s.package} ${s.version} (${s.key})`, path: s.sourceFile });
  for (const q of requirements) evidence.push({ text: `requires ${q.package}${q.specifier ? ` ${q.specifier}` : " (any version)"}`, path: q.sourceFile });
  for (const c of remote) {
    const where = c.local ? `this repository${commit ? ` at ${commit}` : ""}` : `${c.repo ?? "another repository"} (${c.lookup?.sha ? `not pinned; currently ${c.lookup.sha}` : (c.lookup?.state ?? "not looked up")})`;
    evidence.push({ text: `custom code ${c.module} from ${where}, via ${c.via}`, path: c.file });
  }
  const parts = [
    `Base models: ${joinOr(models.map((m) => `${m.repoId} (${licenses(m.license, m.status)})`), "none named")}.`,
    `Datasets: ${joinOr(datasets.map((d) => `${d.repoId} (${licenses(d.license, d.status)})`), "none named")}.`,
    `Loader libraries: ${joinOr([...new Set([...libraries.map((l) => l.package), ...savedWith.map((s) => `${s.package} ${s.version} (saved with)`)])], "none declared")}.`,
    `Declared requirements: ${joinOr(requirements.map((q) => `${q.package}${q.specifier ? ` ${q.specifier}` : ""}`), "none")}.`,
    `Custom code run on load: ${remote.length === 0 ? "none" : `${remote.length} module(s)${remote.some((c) => !c.local) ? ", some from other repositories" : ""}`}.`,
  ];
  if (models.length + datasets.length > 0) parts.push("The card's base_model and datasets fields name no revisions, so which revision of each was used is not recorded.");
  const unresolved = lineage.filter((l) => l.status !== "found");
  const cardPresent = r.sections.card?.present ?? false;
  if (!cardPresent) parts.push("There is no model card, so base models and datasets are not declared.");
  if (unresolved.length > 0) parts.push(`${unresolved.length} of them could not be confirmed on the Hub (${unresolved.map((l) => `${l.repoId}: ${l.status}`).slice(0, 5).join(", ")}).`);
  return { answer: parts.join(" "), evidence: evidence.slice(0, MAX_EVIDENCE * 3), status: cardPresent && unresolved.length === 0 ? "answered" : "partial" };
}

/** 26: the versions checked, against which advisory set, and what was found. */
function vulnerabilityScan(input: AssessmentInput): Answer {
  const r = input.report;
  const set = r.sections.advisorySet;
  const requirements = factsOf(input, "dependencies.requirement").map((f) => f.data);
  const savedWith = factsOf(input, "dependencies.saved-with").map((f) => f.data);
  const loaderNotes = factsOf(input, "dependencies.loader-version").map((f) => f.data);
  const found = r.sections.advisories ?? [];
  const setText = set ? `the offline advisory set dated ${set.date} (${set.count} advisories, ${set.source})` : "the bundled advisory set";
  const evidence: AssessmentEvidence[] = [];
  if (set) evidence.push({ text: `advisory set ${set.date}: ${set.count} advisories from ${set.source}` });
  for (const a of found) evidence.push({ text: `${a.id} (${a.severity}) ${a.package} ${a.version}: ${a.summary}`, path: a.sourceFile });
  for (const n of loaderNotes) if (n.savedWithAffectedBy.length > 0) evidence.push({ text: `saved with ${n.package} ${n.savedWith ?? "?"}, affected by ${n.savedWithAffectedBy.join(", ")}${n.minimumSafe ? `; ${n.minimumSafe} or later is past every known advisory` : ""}`, path: n.sourceFile });
  const checked = requirements.length + savedWith.length;
  if (checked === 0) {
    return {
      answer: `Yes for what the repository declares, which is nothing: no requirement or saved-with library version was found to match against ${setText}. The versions the vendor runs in production are not visible to a model scan.`,
      evidence,
      status: "partial",
    };
  }
  const affected = loaderNotes.filter((n) => n.savedWithAffectedBy.length > 0);
  return {
    answer: `Yes: modelgate matched ${requirements.length} declared requirement(s) and ${savedWith.length} saved-with library version(s) against ${setText}; ${found.length} advisory match(es) in requirements${affected.length > 0 ? `, and ${affected.length} saved-with version(s) affected by known advisories` : ""}.`,
    evidence: evidence.slice(0, MAX_EVIDENCE * 2),
    status: "answered",
  };
}

/** 27: what the scan checked for supply-chain attacks and what it found. */
function supplyChainAttacks(input: AssessmentInput): Answer {
  const r = input.report;
  const item = (id: string) => r.checklist.find((i) => i.id === id);
  const deps = item("dependency-scanning");
  const integrity = item("weight-integrity");
  const source = item("model-source");
  const evidence: AssessmentEvidence[] = [deps, integrity, source].flatMap((i) => (i ? [{ text: `item ${i.number} ${i.title}: ${i.status}, ${i.summary}` }] : []));
  const hub = r.source?.hubSecurity;
  if (hub) evidence.push({ text: `the Hub's own scanners: ${hub.scansDone ? "done" : "not done"}, ${hub.filesWithIssues.length} file(s) flagged` });
  return {
    answer: `For this model, modelgate walked serialized code in the weights without loading it, read the custom code loading would run, analysed chat templates, and compared files with the published hashes: dependency scanning is ${deps?.status ?? "not-checked"}, weight integrity is ${integrity?.status ?? "not-checked"}. The vendor's own controls against supply-chain attacks are not visible to a model scan.`,
    evidence,
    status: "partial",
  };
}

/** 28: which files were verified against the Hub's hashes, at which commit. */
function weightIntegrity(input: AssessmentInput): Answer {
  const r = input.report;
  const commit = r.target.commitSha ?? r.target.against?.commitSha;
  const repo = r.target.repoId ?? r.target.against?.repoId;
  const at = repo ? `${repo}${commit ? ` at commit ${commit}` : ""}` : "no Hub revision";
  const by = new Map<string, string[]>();
  for (const f of r.files) by.set(f.verification, [...(by.get(f.verification) ?? []), f.path]);
  const verified = by.get("verified") ?? [];
  const mismatch = by.get("mismatch") ?? [];
  const evidence: AssessmentEvidence[] = [];
  for (const path of mismatch.slice(0, MAX_EVIDENCE)) evidence.push({ text: "differs from the published hash", path });
  for (const [state, paths] of [...by.entries()].sort(([a], [b]) => a.localeCompare(b))) if (state !== "mismatch") evidence.push({ text: `${paths.length} file(s) ${state}${state === "verified" ? ` (${at})` : ""}` });
  const total = r.files.length;
  if (mismatch.length > 0) {
    return { answer: `No: ${mismatch.length} of ${total} file(s) differ from the hashes published for ${at} (${mismatch.slice(0, 5).join(", ")}${mismatch.length > 5 ? ", …" : ""}).`, evidence, status: "answered" };
  }
  if (total > 0 && verified.length === total) {
    return { answer: `Yes: all ${total} file(s) match the hashes the Hub publishes for ${at} (SHA-256 for LFS files, git blob SHA-1 for the others), computed by this scan.`, evidence, status: "answered" };
  }
  const rest = [...by.entries()].filter(([s]) => s !== "verified").map(([s, p]) => `${p.length} ${s}`).join(", ");
  const why = !repo ? " A local folder scanned without --against has nothing published to compare with." : r.options.metadataOnly ? " --metadata-only did not download the weights." : "";
  return { answer: `Partly: ${verified.length} of ${total} file(s) match the hashes published for ${at}; ${rest || "none"}.${why}`, evidence, status: "partial" };
}

/** 29: the scan cannot see the process; it can say what the model's dependencies have today. */
function criticalCve(input: AssessmentInput): Answer {
  const matches = factsOf(input, "dependencies.advisory-match").map((f) => f.data);
  const evidence: AssessmentEvidence[] = matches.slice(0, MAX_EVIDENCE).map((m) => ({ text: `${m.advisoryId} (${m.severity ?? "unrated"}) affects ${m.package} ${m.version}${m.minimumSafe ? `; fixed in ${m.minimumSafe}` : ""}`, path: m.sourceFile }));
  const critical = matches.filter((m) => m.severity === "critical");
  return {
    answer: `The vendor's process for critical CVEs is not visible to a model scan.${matches.length > 0 ? ` Today the model's declared dependencies match ${matches.length} advisory(ies)${critical.length > 0 ? `, ${critical.length} critical` : ""}: ask how and when they will be fixed.` : " The model's declared dependencies match no advisory in the set used."}`,
    evidence,
    status: "ask-vendor",
  };
}

function vetting(input: AssessmentInput): Answer {
  return {
    answer: `How the vendor vets its dependencies is not visible to a model scan. The dependencies to ask about are listed under question 24 for ${modelName(input.report)}.`,
    evidence: [],
    status: "ask-vendor",
  };
}

const ANSWERERS: Record<number, (input: AssessmentInput) => Answer> = { 24: dependencies, 25: vetting, 26: vulnerabilityScan, 27: supplyChainAttacks, 28: weightIntegrity, 29: criticalCve };

/** Section D answers, each from the scan's evidence; what it cannot see becomes a vendor question. */
export function buildSectionD(input: AssessmentInput, questions: readonly SectionDQuestion[]): SectionDAnswer[] {
  return questions.map((q) => {
    const answerer = ANSWERERS[q.number];
    const a: Answer = answerer ? answerer(input) : { answer: "A model scan holds no evidence for this question.", evidence: [], status: "ask-vendor" };
    return { question: q.number, text: q.text, answer: a.answer, evidence: a.evidence, status: a.status, ...(a.status !== "answered" ? { askVendor: q.askVendor } : {}) };
  });
}
