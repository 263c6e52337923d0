/** Fact kinds produced from the model card (README.md), LICENSE files and the Hub lineage lookups. */

/** Card topics a heading can be about (rules/_lists/card-sections.yaml). */
export const SECTION_TOPICS = [
  "trainingData",
  "trainingProcedure",
  "intendedUse",
  "limitations",
  "architecture",
  "evaluation",
  "pii",
  "environmentalImpact",
  "citation",
  "usage",
  "ethics",
] as const;
export type SectionTopic = (typeof SECTION_TOPICS)[number];

/** What a section's body holds once comments, template boilerplate and placeholders are removed. */
export type SectionState = "content" | "placeholder" | "empty";

export interface CardDocument {
  bytes: number;
  lines: number;
  lineEnding: "lf" | "crlf" | "mixed" | "none";
  frontMatter: "absent" | "parsed" | "refused";
  /** First line of the Markdown body (after the front matter). */
  bodyStartLine: number;
  /** False when a limit stopped the reading (a MG-GEN-002 finding says which): sections are not known. */
  complete: boolean;
}

export type CardMetadataProblemKind = "unterminated" | "too-large" | "too-many-aliases" | "malformed" | "not-a-mapping" | "wrong-shape";

export interface CardMetadataProblem {
  problem: CardMetadataProblemKind;
  /** The front-matter key with the wrong shape (for "wrong-shape"). */
  field?: string;
  expected?: string;
  detail: string;
}

export interface CardMetadata {
  /** `license` as written: one string, or each entry of a list. */
  license: string[];
  licenseName?: string;
  licenseLink?: string;
  datasets: string[];
  baseModels: string[];
  baseModelRelation?: string;
  language: string[];
  pipelineTag?: string;
  libraryName?: string;
  tags: string[];
  modelIndex: boolean;
  /** Any `extra_gated_*` key: the publisher asks for a form before download. */
  gatedFields: boolean;
  co2EqEmissions: boolean;
  /** Line range of each top-level key present in the front matter. */
  fieldLines: Record<string, { startLine: number; endLine: number }>;
}

export interface CardSection {
  heading: string;
  level: number;
  /** "label": a bold run opening a paragraph used as a heading (`**Training Data:**`). */
  style: "atx" | "setext" | "html" | "label";
  topics: SectionTopic[];
  state: SectionState;
  /** Words of real content in the section (subsections included). */
  words: number;
  /**
   * Start of the section's own text (cleaned of comments and placeholders), for sections about
   * architecture (checked against config.json), intended use, limitations and ethics (quoted in
   * the CycloneDX model card).
   */
  excerpt?: string;
}

/** One evaluation result a card reports in `model-index` (task, dataset and metric as written). */
export interface ModelIndexMetric {
  /** Metric type (`accuracy`, `pass@1`, ...). */
  type: string;
  /** Metric display name when it differs from the type. */
  name?: string;
  /** The value as written (numbers as their decimal text). */
  value: string;
  task?: string;
  dataset?: string;
  split?: string;
  /** The Hub's own evaluation verified it. */
  verified?: boolean;
}

/** A statement quoted from the card because a phrase list matched it (PII handling, training data). */
export interface PiiStatement {
  /** The sentence or line quoted from the card. */
  text: string;
  /** Why the matching pattern counts (the list entry's reason). */
  reason: string;
}

export interface LicenseFileInfo {
  /** Hub license identifier the text was recognised as (rules/_lists/licenses.yaml `textPatterns`). */
  identified?: string;
  /** First non-empty line of the file, as a title. */
  title?: string;
  bytes: number;
}

export type LineageStatus = "found" | "not-found" | "error" | "gated" | "unverifiable" | "cycle" | "depth-limit" | "limit" | "invalid-id";

export interface LineageNode {
  repoId: string;
  /** 1 for a base model the card names, 2 for its base model, ... */
  depth: number;
  /** The repo whose card named this one (absent for the scanned model's own base models). */
  parent?: string;
  status: LineageStatus;
  license: string[];
  licenseName?: string;
  gated?: false | "auto" | "manual";
  hasCard?: boolean;
  baseModels: string[];
  relation?: string;
  detail?: string;
}

export interface LineageDataset {
  repoId: string;
  status: LineageStatus;
  license: string[];
  gated?: false | "auto" | "manual";
  hasCard?: boolean;
  piiStatements: { line: number; text: string }[];
  /** The dataset card's text was read and searched for PII statements (not for a gated card). */
  cardRead?: boolean;
  detail?: string;
}

export interface TrainingFiles {
  /** `training_args.bin` (a pickle of TrainingArguments) and similar argument dumps. */
  trainingArgs: string[];
  /** Training or fine-tuning scripts and configs shipped in the repo. */
  scripts: string[];
  /** `trainer_state.json` and training logs. */
  logs: string[];
}

declare module "../../types/fact.js" {
  interface FactTypes {
    /** The root README.md was read; how it is laid out. */
    "card.document": CardDocument;
    /** The front matter could not be used, or one field has the wrong shape. */
    "card.metadata-problem": CardMetadataProblem;
    /** The front-matter fields modelgate reads, normalised. */
    "card.metadata": CardMetadata;
    /** Evaluation results the card reports in `model-index`, one per metric. */
    "card.model-index": ModelIndexMetric[];
    /** One Markdown heading and its section (region = the section's line range). */
    "card.section": CardSection;
    /** A statement about PII filtering, anonymisation or consent (region = its lines). */
    "card.pii-statement": PiiStatement;
    /** A sentence outside any Training Data section that names what the model was trained on (region = its lines). */
    "card.training-data-statement": PiiStatement;
    /** Training artefacts visible in the repo listing. */
    "card.training-files": TrainingFiles;
    /** A LICENSE/COPYING file at the repo root. */
    "license.file": LicenseFileInfo;
    /** One ancestor reached by following `base_model` through the Hub. */
    "lineage.model": LineageNode;
    /** One dataset named in `datasets`, looked up on the Hub. */
    "lineage.dataset": LineageDataset;
  }
}
