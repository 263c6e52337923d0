import { randomUUID } from "node:crypto";
import { Enums, Models, Serialize, Spec } from "@cyclonedx/cyclonedx-library";
import type { LineageEntry } from "../summaries/lineage.js";
import type { ScanReport } from "../types/report.js";
import { VERSION } from "../version.js";
import { addLicenses, licensesOf } from "./cyclonedx-licenses.js";
import { MlNormalizerFactory } from "./cyclonedx-ml-normalizer.js";
import { modelCardOf } from "./cyclonedx-model-card.js";
import { contentUuid, fileBomRef, hubRepoUrl, modelIdentity, type ModelIdentity } from "./cyclonedx-identity.js";
import { vulnerabilitiesOf } from "./cyclonedx-vulnerabilities.js";
import { PROJECT_URL } from "./sarif-rules.js";

export interface CycloneDxOptions {
  /** ISO time for `metadata.timestamp`; with it the serialNumber is random, as for any dated BOM. */
  timestamp?: string;
}

const prop = (name: string, value: string): Models.Property => new Models.Property(name, value);

function splitRepoId(repoId: string): { group?: string; name: string } {
  const slash = repoId.indexOf("/");
  return slash > 0 ? { group: repoId.slice(0, slash), name: repoId.slice(slash + 1) } : { name: repoId };
}

function verdictOf(report: ScanReport): string {
  const v = report.verdict;
  return !v.passed ? "failed" : v.incomplete && !v.allowIncomplete ? "incomplete" : "passed";
}

function fileComponents(report: ScanReport, model: ModelIdentity): Models.Component[] {
  return report.files.map((f) => {
    const c = new Models.Component(Enums.ComponentType.File, f.path, { bomRef: fileBomRef(model, f.path) });
    // The hash of the bytes scanned; without a download (--metadata-only) the Hub's published one,
    // and the verification property says which it is.
    const sha256 = f.sha256 ?? f.expected?.sha256;
    if (sha256) c.hashes.set(Enums.HashAlgorithm["SHA-256"], sha256);
    c.properties.add(prop("modelgate:size", String(f.size)));
    c.properties.add(prop("modelgate:verification", f.verification));
    if (f.format) c.properties.add(prop("modelgate:format", f.format));
    if (f.gitSha1) c.properties.add(prop("modelgate:git-blob-sha1", f.gitSha1));
    return c;
  });
}

function ancestorComponent(entry: LineageEntry, report: ScanReport, hubUrl: string): Models.Component {
  const { group, name } = splitRepoId(entry.repoId);
  const c = new Models.Component(Enums.ComponentType.MachineLearningModel, name, { ...(group ? { group } : {}) });
  if (entry.status !== "invalid-id") c.purl = `pkg:huggingface/${entry.repoId.split("/").map(encodeURIComponent).join("/")}`;
  addLicenses(c.licenses, licensesOf(entry.license, report, { name: entry.licenseName }));
  if (entry.status !== "invalid-id") c.externalReferences.add(new Models.ExternalReference(hubRepoUrl(hubUrl, entry.repoId), Enums.ExternalReferenceType.Website));
  c.properties.add(prop("modelgate:lineage-depth", String(entry.depth)));
  c.properties.add(prop("modelgate:lineage-status", entry.status));
  if (entry.parent) c.properties.add(prop("modelgate:lineage-parent", entry.parent));
  if (entry.relation) c.properties.add(prop("modelgate:lineage-relation", entry.relation));
  return c;
}

/** Datasets the card names, as data components shared by every model of the BOM that names them. */
function datasetComponent(repoId: string, entry: LineageEntry | undefined, report: ScanReport, hubUrl: string): Models.Component {
  const { group, name } = splitRepoId(repoId);
  const c = new Models.Component(Enums.ComponentType.Data, name, { ...(group ? { group } : {}), bomRef: `dataset:${repoId}` });
  if (entry) {
    addLicenses(c.licenses, licensesOf(entry.license, report));
    c.properties.add(prop("modelgate:lineage-status", entry.status));
  }
  if (!entry || entry.status !== "invalid-id") c.externalReferences.add(new Models.ExternalReference(hubRepoUrl(hubUrl, repoId, "dataset"), Enums.ExternalReferenceType.Website));
  return c;
}

function modelComponent(report: ScanReport, id: ModelIdentity, factory: MlNormalizerFactory, datasetRefs: string[]): Models.Component {
  const c = new Models.Component(Enums.ComponentType.MachineLearningModel, id.name, {
    bomRef: id.bomRef,
    ...(id.group ? { group: id.group } : {}),
    ...(id.version ? { version: id.version } : {}),
    ...(id.purl ? { purl: id.purl } : {}),
  });
  const card = report.sections.card;
  if (card) addLicenses(c.licenses, licensesOf(card.license, report, { name: card.licenseName, url: card.licenseLink }));
  if (id.repoId) {
    const repoUrl = hubRepoUrl(id.hubUrl, id.repoId);
    const at = id.version ? `${repoUrl}/tree/${id.version}` : repoUrl;
    c.externalReferences.add(new Models.ExternalReference(at, Enums.ExternalReferenceType.Website, { comment: "Hugging Face Hub repository at the scanned commit" }));
    c.externalReferences.add(new Models.ExternalReference(repoUrl, Enums.ExternalReferenceType.VCS, { comment: id.version ? `git commit ${id.version}` : "git repository" }));
    if (card?.present && id.version) c.externalReferences.add(new Models.ExternalReference(`${repoUrl}/blob/${id.version}/README.md`, Enums.ExternalReferenceType.ModelCard));
  }
  for (const f of fileComponents(report, id)) c.components.add(f);
  c.properties.add(prop("modelgate:target-kind", report.target.kind));
  c.properties.add(prop("modelgate:manifest-sha256", id.manifestSha256));
  if (report.target.revision) c.properties.add(prop("modelgate:revision", report.target.revision));
  if (report.target.against) c.properties.add(prop("modelgate:compared-against", `${report.target.against.repoId}@${report.target.against.commitSha ?? report.target.against.revision}`));
  if (report.sections.modelDetails?.libraryName) c.properties.add(prop("modelgate:library-name", report.sections.modelDetails.libraryName));
  c.properties.add(prop("modelgate:verdict", verdictOf(report)));
  c.properties.add(prop("modelgate:fail-on", report.verdict.failOn));
  for (const item of report.checklist) c.properties.add(prop(`modelgate:checklist:${item.number}:${item.id}`, item.status));
  const ancestors = (report.sections.lineage ?? []).filter((e) => e.kind === "model").map((e) => ancestorComponent(e, report, id.hubUrl));
  const modelCard = modelCardOf(report.sections.modelDetails, datasetRefs);
  factory.extras.set(c, { ...(modelCard ? { modelCard } : {}), ...(ancestors.length > 0 ? { ancestors } : {}) });
  return c;
}

/**
 * One CycloneDX 1.6 ML-BOM for one or several scanned models, built with @cyclonedx/cyclonedx-library
 * (see cyclonedx-ml-normalizer.ts for the two fields it lacks). Deterministic: lists sorted, no
 * timestamp, and the serialNumber a name-based UUID of the content, unless a timestamp is given.
 */
export function toCycloneDxJson(reports: readonly ScanReport[], options: CycloneDxOptions = {}): string {
  const factory = new MlNormalizerFactory(Spec.Spec1dot6);
  const bom = new Models.Bom();
  const tool = new Models.Component(Enums.ComponentType.Application, "modelgate", { version: VERSION });
  if (PROJECT_URL) tool.externalReferences.add(new Models.ExternalReference(PROJECT_URL, Enums.ExternalReferenceType.Website));
  bom.metadata.tools.components.add(tool);
  if (options.timestamp) bom.metadata.timestamp = new Date(options.timestamp);

  const datasets = new Map<string, Models.Component>();
  for (const report of reports) {
    const id = modelIdentity(report);
    const hubUrl = id.hubUrl;
    const lineage = report.sections.lineage ?? [];
    const datasetRefs: string[] = [];
    for (const name of report.sections.card?.datasets ?? []) {
      const entry = lineage.find((e) => e.kind === "dataset" && e.repoId === name);
      const existing = datasets.get(name);
      // Several models may name one dataset; keep the entry that found its license.
      if (!existing || (entry?.status === "found" && existing.licenses.size === 0)) datasets.set(name, datasetComponent(name, entry, report, hubUrl));
      datasetRefs.push(`dataset:${name}`);
    }
    const model = modelComponent(report, id, factory, datasetRefs);
    bom.components.add(model);
    const files = new Map<string, Models.BomRef>();
    for (const f of model.components) files.set(f.name, f.bomRef);
    for (const v of vulnerabilitiesOf(report, { model: model.bomRef, files, refPrefix: reports.length > 1 ? `${id.bomRef}|` : "" })) bom.vulnerabilities.add(v);
  }
  for (const d of datasets.values()) bom.components.add(d);

  const serializer = new Serialize.JsonSerializer(factory);
  const render = (): string => serializer.serialize(bom, { sortLists: true, space: 2 }) + "\n";
  bom.serialNumber = options.timestamp ? `urn:uuid:${randomUUID()}` : `urn:uuid:${contentUuid(render())}`;
  return render();
}

/** The CycloneDX report of one scan (see toCycloneDxJson for several). */
export function renderCycloneDx(report: ScanReport): string {
  return toCycloneDxJson([report], report.generatedAt ? { timestamp: report.generatedAt } : {});
}
