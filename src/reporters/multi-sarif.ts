import type { MultiScanReport } from "../types/multi-report.js";
import { targetKey, uniqueKeys } from "../multi/target-key.js";
import { multiSummary } from "./multi-json.js";
import { sentence } from "./sarif-results.js";
import { PROJECT_URL } from "./sarif-rules.js";
import { ROOT_BASE_ID } from "./sarif-artifacts.js";
import { assemblePieces, pieceFromSingleRun, type SarifPiece } from "./sarif-pieces.js";
import { SARIF_SCHEMA, toSarifLog } from "./sarif.js";
import type { SarifLog, SarifNotification, SarifRun } from "./sarif-types.js";

/** What a many-target run says besides its pieces: version, aggregate verdict, targets not scanned. */
export interface MultiRunHeader {
  toolVersion: string;
  verdict: MultiScanReport["verdict"];
  summary: Record<string, number>;
  errors: MultiScanReport["errors"];
  skipped: MultiScanReport["skipped"];
  shard?: MultiScanReport["shard"];
  generatedAt?: string;
}

/**
 * One SARIF run for many targets (GitHub code scanning takes one run per tool and category).
 * Each target's files sit under its key (`acme/model/config.json`, `models/local/…`), its
 * results and notifications carry `properties.target`, and `run.properties.targets` holds what
 * a single run keeps in `run.properties`. A target that could not be scanned is an error
 * notification, and makes the invocation unsuccessful.
 */
export function assembleMultiRun(pieces: readonly SarifPiece[], header: MultiRunHeader): SarifLog {
  const a = assemblePieces(pieces);
  const errors: SarifNotification[] = header.errors.map((e) => ({ level: "error", message: { text: sentence(`${e.input} could not be scanned: ${e.message}`) } }));
  const notifications = [...a.notifications, ...errors];
  const run: SarifRun = {
    tool: {
      driver: {
        name: "modelgate",
        fullName: `modelgate ${header.toolVersion}`,
        version: header.toolVersion,
        semanticVersion: header.toolVersion,
        ...(PROJECT_URL ? { informationUri: PROJECT_URL } : {}),
        rules: a.rules,
      },
    },
    invocations: [
      {
        executionSuccessful: header.errors.length === 0,
        ...(header.generatedAt ? { endTimeUtc: header.generatedAt } : {}),
        ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
      },
    ],
    artifacts: a.artifacts,
    results: a.results,
    columnKind: "unicodeCodePoints",
    properties: {
      reportSchemaVersion: "1.0",
      kind: "multi",
      verdict: header.verdict,
      summary: header.summary,
      ...(header.shard ? { shard: header.shard } : {}),
      ...(header.generatedAt ? { generatedAt: header.generatedAt } : {}),
      targets: a.targets,
      errors: header.errors,
      skipped: header.skipped,
    },
  };
  run.originalUriBaseIds = { [ROOT_BASE_ID]: { description: { text: "The folder each scanned target's files are listed under, by target: owner/name for a Hub model, the path given for a local one." } } };
  if (a.versionControl.length > 0) run.versionControlProvenance = a.versionControl;
  return { $schema: SARIF_SCHEMA, version: "2.1.0", runs: [run] };
}

/** The SARIF pieces of a many-target report, keyed as `targetKey` (repeated keys made distinct). */
export function sarifPieces(m: MultiScanReport): SarifPiece[] {
  const keys = uniqueKeys(m.reports.map((r) => targetKey(r.target)));
  return m.reports.map((r, i) => {
    const run = toSarifLog(r).runs[0];
    if (!run) throw new Error("renderSarif wrote no run");
    return pieceFromSingleRun(run, keys[i] ?? targetKey(r.target));
  });
}

export function toMultiSarifLog(m: MultiScanReport): SarifLog {
  return assembleMultiRun(sarifPieces(m), {
    toolVersion: m.tool.version,
    verdict: m.verdict,
    summary: multiSummary(m),
    errors: m.errors,
    skipped: m.skipped,
    ...(m.shard ? { shard: m.shard } : {}),
    ...(m.generatedAt ? { generatedAt: m.generatedAt } : {}),
  });
}

export function renderMultiSarif(m: MultiScanReport): string {
  return JSON.stringify(toMultiSarifLog(m), null, 2) + "\n";
}
