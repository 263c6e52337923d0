import type { Fact } from "../types/fact.js";
import "../inspectors/secrets/facts.js";
import type { ReportSummary } from "./summary.js";

export interface SecretEntry {
  kind: string;
  file: string;
  line: number;
  /** Masked value; the secret itself is never in a report. */
  masked: string;
  personal: boolean;
}

declare module "../types/report.js" {
  interface ReportSections {
    secrets?: SecretEntry[];
  }
}

export function buildSecrets(facts: readonly Fact[]): SecretEntry[] {
  return facts
    .flatMap((f) => (f.kind === "secrets.match" ? [{ kind: f.data.kind, file: f.artifact?.path ?? "", line: f.data.line, masked: f.data.masked, personal: f.data.personal }] : []))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.kind.localeCompare(b.kind));
}

/** Builds the `secrets` section of the report. */
export const summaries: readonly ReportSummary[] = [{ name: "secrets", build: (facts) => ({ secrets: buildSecrets(facts) }) }];
