import { loadRules } from "../catalog/load-rules.js";
import { repoUri, ROOT_BASE_ID } from "../reporters/sarif-artifacts.js";
import { SARIF_SCHEMA } from "../reporters/sarif.js";
import { FingerprintCounter, sentence } from "../reporters/sarif-results.js";
import { PROJECT_URL, ruleDescriptor, SEVERITY_LEVEL } from "../reporters/sarif-rules.js";
import type { SarifArtifact, SarifLog, SarifResult } from "../reporters/sarif-types.js";
import type { DiscoverReport } from "./types.js";

/**
 * SARIF 2.1.0 for code scanning: one result per unpinned reference (and a note per dynamic one)
 * at its file and line in the codebase, so the alert sits next to the code that loads the model.
 * Paths are relative to %SRCROOT%, the scanned folder (the checkout root in CI).
 */
export function toDiscoverSarif(r: DiscoverReport): SarifLog {
  const rules = loadRules()
    .filter((x) => x.family === "discover")
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map(ruleDescriptor);
  const ruleIndex = new Map(rules.map((x, i) => [x.id, i]));
  const artifacts: SarifArtifact[] = [];
  const artifactIndex = new Map<string, number>();
  const indexOf = (path: string): number => {
    let i = artifactIndex.get(path);
    if (i === undefined) {
      i = artifacts.length;
      artifacts.push({ location: { uri: repoUri(path), uriBaseId: ROOT_BASE_ID }, roles: ["analysisTarget"] });
      artifactIndex.set(path, i);
    }
    return i;
  };
  const fingerprints = new FingerprintCounter();
  const results: SarifResult[] = r.findings.map((f) => {
    const path = f.artifact?.path ?? "";
    const index = indexOf(path);
    const line = f.region?.startLine ?? 1;
    const result: SarifResult = {
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
      kind: "fail",
      level: SEVERITY_LEVEL[f.severity],
      message: { text: sentence(f.message) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: repoUri(path), uriBaseId: ROOT_BASE_ID, index },
            region: { startLine: line, endLine: line, ...(f.region?.snippet ? { snippet: { text: f.region.snippet } } : {}) },
          },
        },
      ],
      partialFingerprints: { primaryLocationLineHash: fingerprints.next(f.fingerprint), "modelgate/v1": f.fingerprint },
      properties: { severity: f.severity, ruleName: f.ruleName },
    };
    if (f.suppressed) result.suppressions = [{ kind: "external", status: "accepted", justification: f.suppressed.reason }];
    return result;
  });
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "modelgate",
            fullName: `modelgate ${r.tool.version}`,
            version: r.tool.version,
            semanticVersion: r.tool.version,
            ...(PROJECT_URL ? { informationUri: PROJECT_URL } : {}),
            rules,
          },
        },
        originalUriBaseIds: { [ROOT_BASE_ID]: { description: { text: "The root of the scanned codebase." } } },
        invocations: [
          {
            executionSuccessful: true,
            ...(r.notChecked.length > 0
              ? { toolExecutionNotifications: r.notChecked.map((s) => ({ level: "warning" as const, message: { text: sentence(`${s.path} was not checked: ${s.reason}`) }, locations: [{ physicalLocation: { artifactLocation: { uri: repoUri(s.path), uriBaseId: ROOT_BASE_ID } } }] })) }
              : {}),
          },
        ],
        artifacts,
        results,
        columnKind: "unicodeCodePoints",
        properties: { discover: { references: r.references, dynamic: r.dynamic }, verdict: r.verdict, stats: r.stats },
      },
    ],
  };
}

export function renderDiscoverSarif(r: DiscoverReport): string {
  return JSON.stringify(toDiscoverSarif(r), null, 2) + "\n";
}
