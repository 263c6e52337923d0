import { ConfigError } from "../errors.js";
import { aggregateVerdict, exitCodeForMany } from "../policy/aggregate.js";
import { assembleMultiRun } from "../reporters/multi-sarif.js";
import { pieceFromSingleRun, piecesFromMultiRun, type SarifPiece } from "../reporters/sarif-pieces.js";
import type { SarifLog, SarifRun } from "../reporters/sarif-types.js";
import { gateLabel } from "../reporters/text.js";
import { SEVERITIES } from "../types/finding.js";
import type { SkippedTarget, TargetError } from "../types/multi-report.js";
import type { Verdict } from "../types/report.js";
import type { ScanTarget } from "../types/source.js";
import { isRecord } from "./read-json-file.js";
import { targetKey } from "./target-key.js";
import { sortSkipped } from "./sort-skipped.js";

/** A report file given to `merge`, already parsed. */
export interface MergeInput {
  path: string;
  data: unknown;
}

export interface MergeResult {
  format: "json" | "sarif";
  /** The merged report: a many-target JSON object, or a SARIF log with one run. */
  output: Record<string, unknown> | SarifLog;
  verdict: Verdict;
  errors: TargetError[];
  summary: Summary;
  exitCode: 0 | 1 | 2 | 3;
}

type Summary = Record<"targets" | "passed" | "failed" | "incomplete" | "errors" | "skipped", number>;

function fail(path: string, problem: string): never {
  throw new ConfigError(`${path}: ${problem}`);
}

function isVerdict(v: unknown): v is Verdict {
  if (!isRecord(v) || typeof v["passed"] !== "boolean" || typeof v["incomplete"] !== "boolean" || typeof v["allowIncomplete"] !== "boolean") return false;
  if (typeof v["failOn"] !== "string" || (v["failOn"] !== "none" && !(SEVERITIES as readonly string[]).includes(v["failOn"]))) return false;
  const counts = v["counts"];
  return isRecord(counts) && SEVERITIES.every((s) => typeof counts[s] === "number");
}

function verdictOf(path: string, where: string, v: unknown): Verdict {
  if (!isVerdict(v)) fail(path, `${where}verdict is missing or malformed`);
  return v;
}

function targetOf(path: string, where: string, t: unknown): ScanTarget {
  if (!isRecord(t) || typeof t["kind"] !== "string" || typeof t["input"] !== "string") fail(path, `${where}target is missing or malformed`);
  return t as unknown as ScanTarget;
}

function errorsOf(path: string, v: unknown): TargetError[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((e) => isRecord(e) && typeof e["input"] === "string" && typeof e["message"] === "string" && typeof e["code"] === "string")) fail(path, "errors is malformed");
  return v as TargetError[];
}

function skippedOf(path: string, v: unknown): SkippedTarget[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((e) => isRecord(e) && typeof e["input"] === "string" && typeof e["reason"] === "string")) fail(path, "skipped is malformed");
  return v as SkippedTarget[];
}

type Kind = "json" | "sarif";

function kindOf(input: MergeInput): Kind {
  const d = input.data;
  if (isRecord(d) && d["version"] === "2.1.0" && Array.isArray(d["runs"])) return "sarif";
  if (isRecord(d) && (d["kind"] === "multi" || ("target" in d && "verdict" in d))) {
    if (d["schemaVersion"] !== "1.0") fail(input.path, `report schemaVersion ${JSON.stringify(d["schemaVersion"])} is not one this modelgate reads (1.0)`);
    return "json";
  }
  return fail(input.path, "not a modelgate JSON or SARIF report");
}

function toolVersion(path: string, tool: unknown): string {
  if (!isRecord(tool) || tool["name"] !== "modelgate" || typeof tool["version"] !== "string") fail(path, "not written by modelgate (tool.name)");
  return tool["version"];
}

/** Every input from one modelgate version: reports of two versions may disagree on rules and shapes. */
function oneVersion(versions: { path: string; version: string }[]): string {
  const first = versions[0];
  if (!first) throw new ConfigError("merge needs at least one report");
  const other = versions.find((v) => v.version !== first.version);
  if (other) throw new ConfigError(`${other.path} comes from modelgate ${other.version} and ${first.path} from ${first.version}: merge reports of one version`);
  return first.version;
}

function sortErrors(errors: TargetError[]): TargetError[] {
  return [...errors].sort((a, b) => (a.input < b.input ? -1 : a.input > b.input ? 1 : 0));
}

function summarise(verdicts: Verdict[], errors: number, skipped: number): Summary {
  const labels = verdicts.map(gateLabel);
  return {
    targets: verdicts.length + errors,
    passed: labels.filter((l) => l === "passed").length,
    failed: labels.filter((l) => l === "failed").length,
    incomplete: labels.filter((l) => l === "incomplete").length,
    errors,
    skipped,
  };
}

function latest(times: unknown[]): string | undefined {
  const iso = times.filter((t): t is string => typeof t === "string").sort();
  return iso[iso.length - 1];
}

const DEFAULTS = { failOn: "high", allowIncomplete: false } as const;

interface JsonEntry {
  path: string;
  report: Record<string, unknown>;
  target: ScanTarget;
  verdict: Verdict;
}

function mergeJson(inputs: readonly MergeInput[]): MergeResult {
  const entries: JsonEntry[] = [];
  const errors: TargetError[] = [];
  const skipped: SkippedTarget[] = [];
  const versions: { path: string; version: string }[] = [];
  const times: unknown[] = [];
  for (const { path, data } of inputs) {
    const d = data as Record<string, unknown>;
    versions.push({ path, version: toolVersion(path, d["tool"]) });
    times.push(d["generatedAt"]);
    const reports = d["kind"] === "multi" ? d["reports"] : [d];
    if (!Array.isArray(reports)) fail(path, "reports is not a list");
    reports.forEach((r: unknown, i) => {
      const where = d["kind"] === "multi" ? `reports[${i}].` : "";
      if (!isRecord(r)) fail(path, `${where.slice(0, -1) || "report"} is not an object`);
      if (d["kind"] === "multi") toolVersion(path, r["tool"]);
      entries.push({ path, report: r, target: targetOf(path, where, r["target"]), verdict: verdictOf(path, where, r["verdict"]) });
    });
    if (d["kind"] === "multi") {
      errors.push(...errorsOf(path, d["errors"]));
      skipped.push(...skippedOf(path, d["skipped"]));
    }
  }
  const version = oneVersion(versions);
  const seen = new Map<string, string>();
  for (const e of entries) {
    const id = `${targetKey(e.target)}\0${e.target.input}\0${e.target.commitSha ?? ""}`;
    const before = seen.get(id);
    if (before !== undefined) throw new ConfigError(`${targetKey(e.target)} is in both ${before} and ${e.path}: a target may appear in one shard only`);
    seen.set(id, e.path);
  }
  entries.sort((a, b) => {
    const ka = targetKey(a.target);
    const kb = targetKey(b.target);
    if (ka !== kb) return ka < kb ? -1 : 1;
    return a.target.input < b.target.input ? -1 : a.target.input > b.target.input ? 1 : 0;
  });
  const verdicts = entries.map((e) => e.verdict);
  const verdict = aggregateVerdict(verdicts, DEFAULTS);
  const sortedErrors = sortErrors(errors);
  const skippedOnce = sortSkipped(skipped);
  const summary = summarise(verdicts, sortedErrors.length, skippedOnce.length);
  const generatedAt = latest(times);
  const output: Record<string, unknown> = {
    schemaVersion: "1.0",
    tool: { name: "modelgate", version },
    kind: "multi",
    ...(generatedAt ? { generatedAt } : {}),
    verdict,
    summary,
    reports: entries.map((e) => e.report),
    errors: sortedErrors,
    skipped: skippedOnce,
  };
  return { format: "json", output, verdict, errors: sortedErrors, summary, exitCode: exitCodeForMany({ verdict, errors: sortedErrors }) };
}

function runOf(path: string, data: unknown): SarifRun {
  const runs = (data as { runs: unknown[] }).runs;
  if (runs.length !== 1) fail(path, `has ${runs.length} runs; modelgate writes one`);
  const run = runs[0];
  if (!isRecord(run) || !isRecord(run["tool"]) || !isRecord(run["tool"]["driver"]) || run["tool"]["driver"]["name"] !== "modelgate") fail(path, "not a modelgate SARIF log (tool.driver.name)");
  if (!Array.isArray(run["artifacts"]) || !Array.isArray(run["results"]) || !Array.isArray(run["invocations"]) || !isRecord(run["properties"])) fail(path, "run lacks artifacts, results, invocations or properties");
  return run as unknown as SarifRun;
}

function mergeSarif(inputs: readonly MergeInput[]): MergeResult {
  const pieces: { path: string; piece: SarifPiece }[] = [];
  const errors: TargetError[] = [];
  const skipped: SkippedTarget[] = [];
  const versions: { path: string; version: string }[] = [];
  const times: unknown[] = [];
  for (const { path, data } of inputs) {
    const run = runOf(path, data);
    versions.push({ path, version: String(run.tool.driver.version) });
    const props = run.properties;
    times.push(props["generatedAt"]);
    if (props["kind"] === "multi") {
      if (!Array.isArray(props["targets"]) || !props["targets"].every((t) => isRecord(t) && typeof t["key"] === "string")) fail(path, "properties.targets is missing or malformed");
      for (const piece of piecesFromMultiRun(run)) {
        verdictOf(path, `properties.targets[${piece.key}].`, piece.properties["verdict"]);
        pieces.push({ path, piece });
      }
      errors.push(...errorsOf(path, props["errors"]));
      skipped.push(...skippedOf(path, props["skipped"]));
    } else {
      const target = targetOf(path, "properties.", props["target"]);
      verdictOf(path, "properties.", props["verdict"]);
      pieces.push({ path, piece: pieceFromSingleRun(run, targetKey(target)) });
    }
  }
  const version = oneVersion(versions);
  const seen = new Map<string, string>();
  for (const { path, piece } of pieces) {
    const before = seen.get(piece.key);
    if (before !== undefined) throw new ConfigError(`${piece.key} is in both ${before} and ${path}: a target may appear in one shard only`);
    seen.set(piece.key, path);
  }
  const verdicts = pieces.map((p) => p.piece.properties["verdict"] as Verdict);
  const verdict = aggregateVerdict(verdicts, DEFAULTS);
  const sortedErrors = sortErrors(errors);
  const skippedOnce = sortSkipped(skipped);
  const summary = summarise(verdicts, sortedErrors.length, skippedOnce.length);
  const generatedAt = latest(times);
  const output = assembleMultiRun(
    pieces.map((p) => p.piece),
    { toolVersion: version, verdict, summary, errors: sortedErrors, skipped: skippedOnce, ...(generatedAt ? { generatedAt } : {}) },
  );
  return { format: "sarif", output, verdict, errors: sortedErrors, summary, exitCode: exitCodeForMany({ verdict, errors: sortedErrors }) };
}

/**
 * Joins the reports of several `scan` runs (the shards of a CI matrix) into one: JSON reports into
 * a many-target JSON report, SARIF logs into one run. Reports are re-sorted by target key, so
 * merging the shards gives what one unsharded run would have written. Reports of two formats, of
 * two modelgate versions, a target present twice, or a file that is not a modelgate report are
 * errors naming the file.
 */
export function mergeReports(inputs: readonly MergeInput[]): MergeResult {
  if (inputs.length === 0) throw new ConfigError("merge needs at least one report");
  const kinds = inputs.map((i) => ({ path: i.path, kind: kindOf(i) }));
  const first = kinds[0];
  const other = kinds.find((k) => k.kind !== first?.kind);
  if (first && other) throw new ConfigError(`cannot merge ${first.kind.toUpperCase()} (${first.path}) with ${other.kind.toUpperCase()} (${other.path}): give reports of one format`);
  return first?.kind === "sarif" ? mergeSarif(inputs) : mergeJson(inputs);
}
