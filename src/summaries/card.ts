import { cardView, sectionsAbout } from "../checks/card/card-view.js";
import type { SectionTopic } from "../inspectors/model-card/facts.js";
import type { ReportSummary } from "./summary.js";

/** The `card` section of the JSON report: what the model card says, as written. */
export interface CardSummary {
  present: boolean;
  /** `absent` (no front matter), `parsed`, or `refused` (malformed, too large, alias bomb). */
  metadata: "absent" | "parsed" | "refused" | null;
  /** `license` as written: each entry of a list, or the single string. */
  license: string[];
  licenseName: string | null;
  licenseLink: string | null;
  datasets: string[];
  baseModels: string[];
  /** True when a section about the topic has real content (placeholders do not count). */
  sections: {
    trainingData: boolean;
    intendedUse: boolean;
    limitations: boolean;
    architecture: boolean;
    evaluation: boolean;
    trainingProcedure: boolean;
    pii: boolean;
  };
  /** Headings of sections that hold only template placeholders. */
  placeholderSections: string[];
}

declare module "../types/report.js" {
  interface ReportSections {
    card: CardSummary;
  }
}

const TOPICS: Record<keyof CardSummary["sections"], SectionTopic> = {
  trainingData: "trainingData",
  intendedUse: "intendedUse",
  limitations: "limitations",
  architecture: "architecture",
  evaluation: "evaluation",
  trainingProcedure: "trainingProcedure",
  pii: "pii",
};

export const cardSummary: ReportSummary = {
  name: "card",
  build(facts) {
    const view = cardView(facts);
    const meta = view.metadata?.data;
    const sections = Object.fromEntries(
      Object.entries(TOPICS).map(([key, topic]) => {
        const has = sectionsAbout(view, topic, "content").length > 0;
        // Training data named in metadata or in a sentence, or PII handling stated anywhere in the card, count too.
        if (key === "trainingData") return [key, has || (meta?.datasets.length ?? 0) > 0 || view.trainingStatements.length > 0];
        if (key === "pii") return [key, has || view.pii.length > 0];
        return [key, has];
      }),
    ) as CardSummary["sections"];
    return {
      card: {
        present: !!view.document,
        metadata: view.document?.data.frontMatter ?? null,
        license: meta?.license ?? [],
        licenseName: meta?.licenseName ?? null,
        licenseLink: meta?.licenseLink ?? null,
        datasets: meta?.datasets ?? [],
        baseModels: meta?.baseModels ?? [],
        sections,
        placeholderSections: view.sections.filter((s) => s.data.state === "placeholder").map((s) => s.data.heading),
      },
    };
  },
};

/** Builds the `card` section of the report. */
export const summaries: readonly ReportSummary[] = [cardSummary];
