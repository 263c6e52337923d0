import { classifyLicense, licenseTable, type LicenseTable } from "../checks/license/license-list.js";
import { cardView, sectionsAbout, type CardView } from "../checks/card/card-view.js";
import type { ModelIndexMetric, SectionTopic } from "../inspectors/model-card/facts.js";
import type { Fact, FactOf } from "../types/fact.js";
import type { ReportSummary } from "./summary.js";

/** A license value as written, resolved against the Hub's identifiers (rules/_lists/licenses.yaml). */
export interface ResolvedLicense {
  /** SPDX id or expression, when the value is one or the Hub id maps to one. */
  spdx?: string;
  /** The license's name (the Hub list's name, or the value itself when nothing is known about it). */
  name: string;
}

/** A card section quoted as written (placeholders and HTML comments removed). */
export interface CardQuote {
  heading: string;
  line: number;
  text: string;
}

/**
 * What a model bill of materials needs beyond the other sections: the task, the architecture, the
 * card's own words on use, limitations and ethics, its reported metrics, and every license value
 * seen (model, base models, datasets) resolved to SPDX where the Hub's list maps it.
 */
export interface ModelDetails {
  /** `pipeline_tag` of the card, else the Hub's. */
  task: string | null;
  libraryName: string | null;
  /** config.json `model_type` (the architecture family). */
  modelType: string | null;
  architectures: string[];
  considerations: { intendedUse: CardQuote[]; limitations: CardQuote[]; ethics: CardQuote[] };
  metrics: ModelIndexMetric[];
  /** Keyed by the value as written, lowercased. */
  licenses: Record<string, ResolvedLicense>;
}

declare module "../types/report.js" {
  interface ReportSections {
    modelDetails: ModelDetails;
  }
}

/** Sections about a topic, outermost only: a section's text already holds its subsections'. */
function quotes(view: CardView, topic: SectionTopic): CardQuote[] {
  const out: CardQuote[] = [];
  let coveredTo = 0;
  const sections = sectionsAbout(view, topic, "content")
    .filter((s) => s.data.excerpt)
    .sort((a, b) => (a.region?.startLine ?? 0) - (b.region?.startLine ?? 0));
  for (const s of sections) {
    const start = s.region?.startLine ?? 0;
    if (start <= coveredTo) continue;
    coveredTo = s.region?.endLine ?? start;
    out.push({ heading: s.data.heading, line: start, text: s.data.excerpt ?? "" });
  }
  return out;
}

function resolve(value: string, table: LicenseTable): ResolvedLicense {
  const cls = classifyLicense(value, table);
  if (cls.kind === "hub") return { ...(cls.entry.spdx ? { spdx: cls.entry.spdx } : {}), name: cls.entry.name };
  if (cls.kind === "spdx") return { spdx: cls.expression, name: cls.expression };
  return { name: value };
}

export const modelDetailsSummary: ReportSummary = {
  name: "modelDetails",
  build(facts, _findings, ctx) {
    const view = cardView(facts);
    const meta = view.metadata?.data;
    const source = facts.find((f): f is FactOf<"source.model"> => f.kind === "source.model")?.data;
    const config = view.config[0]?.data;
    const metrics = facts.filter((f): f is Fact & FactOf<"card.model-index"> => f.kind === "card.model-index").flatMap((f) => f.data);
    const written = new Set<string>([...(meta?.license ?? []), ...(meta?.licenseName ? [meta.licenseName] : [])]);
    for (const m of view.models) for (const l of m.data.license) written.add(l);
    for (const d of view.datasets) for (const l of d.data.license) written.add(l);
    const table = ctx ? licenseTable(ctx.list("licenses")) : undefined;
    const licenses: Record<string, ResolvedLicense> = {};
    for (const value of [...written].sort()) licenses[value.toLowerCase()] = table ? resolve(value, table) : { name: value };
    return {
      modelDetails: {
        task: meta?.pipelineTag ?? source?.pipelineTag ?? null,
        libraryName: meta?.libraryName ?? source?.libraryName ?? null,
        modelType: config?.modelType ?? null,
        architectures: config?.architectures ?? [],
        considerations: { intendedUse: quotes(view, "intendedUse"), limitations: quotes(view, "limitations"), ethics: quotes(view, "ethics") },
        metrics,
        licenses,
      },
    };
  },
};

/** Builds the `modelDetails` section of the report. */
export const summaries: readonly ReportSummary[] = [modelDetailsSummary];
