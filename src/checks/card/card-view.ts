import { isCardPath } from "../../inspectors/model-card/card-inspector.js";
import type { SectionTopic } from "../../inspectors/model-card/facts.js";
import type { ArtifactRef } from "../../types/artifact.js";
import type { Fact, FactKind, FactOf } from "../../types/fact.js";
import type { Evidence } from "../../types/finding.js";
import type { Region } from "../../types/region.js";

/** The card-related facts of one scan, gathered once for checks, checklist items and summaries. */
export interface CardView {
  document?: FactOf<"card.document">;
  metadata?: FactOf<"card.metadata">;
  problems: FactOf<"card.metadata-problem">[];
  sections: FactOf<"card.section">[];
  pii: FactOf<"card.pii-statement">[];
  trainingStatements: FactOf<"card.training-data-statement">[];
  licenseFiles: FactOf<"license.file">[];
  models: FactOf<"lineage.model">[];
  datasets: FactOf<"lineage.dataset">[];
  trainingFiles?: FactOf<"card.training-files">;
  config: FactOf<"config.architecture">[];
}

function ofKind<K extends FactKind>(facts: readonly Fact[], kind: K): FactOf<K>[] {
  return facts.filter((f) => f.kind === kind) as unknown as FactOf<K>[];
}

const onCard = <T extends { artifact?: ArtifactRef }>(f: T): boolean => !!f.artifact && isCardPath(f.artifact);

export function cardView(facts: readonly Fact[]): CardView {
  const view: CardView = {
    problems: ofKind(facts, "card.metadata-problem").filter(onCard),
    sections: ofKind(facts, "card.section").filter(onCard),
    pii: ofKind(facts, "card.pii-statement").filter(onCard),
    trainingStatements: ofKind(facts, "card.training-data-statement").filter(onCard),
    licenseFiles: ofKind(facts, "license.file"),
    models: ofKind(facts, "lineage.model"),
    datasets: ofKind(facts, "lineage.dataset"),
    config: ofKind(facts, "config.architecture"),
  };
  const document = ofKind(facts, "card.document").find(onCard);
  if (document) view.document = document;
  const metadata = ofKind(facts, "card.metadata").find(onCard);
  if (metadata) view.metadata = metadata;
  const training = ofKind(facts, "card.training-files")[0];
  if (training) view.trainingFiles = training;
  return view;
}

/** Sections about a topic; `content` keeps only those with real text. */
export function sectionsAbout(view: CardView, topic: SectionTopic, state?: "content" | "placeholder"): FactOf<"card.section">[] {
  return view.sections.filter((s) => s.data.topics.includes(topic) && (state === undefined || s.data.state === state));
}

/** Whether the card's sections (not only its metadata) could be read. */
export function sectionsKnown(view: CardView): boolean {
  return !!view.document && view.document.data.complete;
}

/** "README.md lines 12-30" style location for evidence text. */
export function linesText(region: Region | undefined): string {
  if (!region?.startLine) return "";
  return region.endLine && region.endLine !== region.startLine ? `lines ${region.startLine}-${region.endLine}` : `line ${region.startLine}`;
}

/** Evidence quoting a section heading with its line range. */
export function sectionEvidence(s: FactOf<"card.section">, note?: string): Evidence {
  const e: Evidence = { text: `README.md ${linesText(s.region)}: "${s.data.heading}"${note ? ` ${note}` : ""}` };
  if (s.artifact) e.artifact = s.artifact;
  if (s.region) e.region = s.region;
  return e;
}
