import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../src/errors.js";
import { mergeReports, type MergeInput } from "../../src/multi/merge.js";
import { render } from "../../src/reporters/index.js";
import { PROJECT_URL } from "../../src/reporters/sarif-rules.js";
import { scan } from "../../src/scan.js";
import { scanMany } from "../../src/scan-many.js";
import type { ScanReport } from "../../src/types/report.js";
import { multitoolPath, validateSarif } from "../reporters/sarif-multitool.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");
const TARGETS = [join(FIXTURES, "repos", "tiny-safetensors-clean"), join(FIXTURES, "hf-cache", "models--acme--tiny-model"), join(FIXTURES, "hf-cache", "models--acme--tampered-model")];
const SHARDS = 3;

const parsed = (inputs: Record<string, string>): MergeInput[] => Object.entries(inputs).map(([path, text]) => ({ path, data: JSON.parse(text) as unknown }));
const text = (v: unknown): string => JSON.stringify(v, null, 2) + "\n";

const full: Record<"json" | "sarif", string> = { json: "", sarif: "" };
const shards: Record<"json" | "sarif", Record<string, string>> = { json: {}, sarif: {} };
const singles: ScanReport[] = [];

beforeAll(async () => {
  const all = await scanMany({ targets: TARGETS });
  full.json = render("json", all);
  full.sarif = render("sarif", all);
  for (let i = 1; i <= SHARDS; i++) {
    const part = await scanMany({ targets: TARGETS, shard: { index: i, count: SHARDS } });
    // What an unsharded run writes has no shard; the merged report has none either.
    delete part.shard;
    shards.json[`shard-${i}.json`] = render("json", part);
    shards.sarif[`shard-${i}.sarif`] = render("sarif", part);
  }
  for (const t of TARGETS) singles.push(await scan({ target: t }));
}, 180_000);

describe("merge", () => {
  it("joins the JSON reports of all shards into exactly what one unsharded run writes", () => {
    expect(Object.values(shards.json).map((s) => (JSON.parse(s) as { reports: unknown[] }).reports.length).reduce((a, b) => a + b, 0)).toBe(TARGETS.length);
    expect(text(mergeReports(parsed(shards.json)).output)).toBe(full.json);
  });

  it("joins the SARIF logs of all shards into exactly the one-run log of an unsharded run", () => {
    expect(text(mergeReports(parsed(shards.sarif)).output)).toBe(full.sarif);
  });

  it("gives the same result whatever order the shard files come in", () => {
    const reversed = Object.fromEntries(Object.entries(shards.sarif).reverse());
    expect(text(mergeReports(parsed(reversed)).output)).toBe(full.sarif);
  });

  it("joins single-target reports of separate scans like a run over all of them", () => {
    const json = Object.fromEntries(singles.map((r, i) => [`r${i}.json`, render("json", r)]));
    const sarif = Object.fromEntries(singles.map((r, i) => [`r${i}.sarif`, render("sarif", r)]));
    expect(text(mergeReports(parsed(json)).output)).toBe(full.json);
    expect(text(mergeReports(parsed(sarif)).output)).toBe(full.sarif);
  });

  it("exits as the worst merged target: the tampered cache fails the gate", () => {
    expect(mergeReports(parsed(shards.json)).exitCode).toBe(1);
    const clean = singles.filter((r) => r.verdict.passed).map((r, i) => [`ok${i}.json`, render("json", r)]);
    expect(mergeReports(parsed(Object.fromEntries(clean))).exitCode).toBe(0);
  });

  const bin = multitoolPath();
  it.skipIf(!bin)("writes SARIF that passes Sarif.Multitool validate --rule-kind Sarif;Ghas, from shards and from single logs", () => {
    const sarif = Object.fromEntries(singles.map((r, i) => [`r${i}.sarif`, render("sarif", r)]));
    const issues = validateSarif(bin ?? "", { shards: text(mergeReports(parsed(shards.sarif)).output), singles: text(mergeReports(parsed(sarif)).output) });
    const allowedWarnings = new Set(PROJECT_URL ? [] : ["SARIF2005"]);
    expect(issues.filter((i) => i.level === "error" || (i.level === "warning" && !allowedWarnings.has(i.ruleId)))).toEqual([]);
  }, 180_000);
});

describe("merge refuses bad input with an error naming the file", () => {
  it("refuses JSON mixed with SARIF", () => {
    const mixed = { "a.json": Object.values(shards.json)[0] ?? "", "b.sarif": Object.values(shards.sarif)[0] ?? "" };
    expect(() => mergeReports(parsed(mixed))).toThrow(/cannot merge JSON \(a\.json\) with SARIF \(b\.sarif\)/);
  });

  it("refuses a file that is not a modelgate report", () => {
    expect(() => mergeReports([{ path: "x.json", data: { hello: "world" } }])).toThrow(ConfigError);
    expect(() => mergeReports([{ path: "x.json", data: [1, 2] }])).toThrow(/x\.json: not a modelgate JSON or SARIF report/);
  });

  it("refuses a report whose verdict was damaged", () => {
    const broken = JSON.parse(render("json", singles[0]!)) as Record<string, unknown>;
    broken["verdict"] = { passed: "yes" };
    expect(() => mergeReports([{ path: "broken.json", data: broken }])).toThrow(/broken\.json: verdict is missing or malformed/);
  });

  it("refuses a SARIF log of another tool", () => {
    const log = JSON.parse(render("sarif", singles[0]!)) as { runs: { tool: { driver: { name: string } } }[] };
    log.runs[0]!.tool.driver.name = "othertool";
    expect(() => mergeReports([{ path: "other.sarif", data: log }])).toThrow(/other\.sarif: not a modelgate SARIF log/);
  });

  it("refuses the same target in two files", () => {
    const one = render("json", singles[0]!);
    expect(() => mergeReports(parsed({ "a.json": one, "b.json": one }))).toThrow(/is in both a\.json and b\.json/);
    const sarif = render("sarif", singles[0]!);
    expect(() => mergeReports(parsed({ "a.sarif": sarif, "b.sarif": sarif }))).toThrow(/is in both a\.sarif and b\.sarif/);
  });

  it("refuses reports of two modelgate versions", () => {
    const newer = JSON.parse(render("json", singles[1]!)) as { tool: { version: string } };
    newer.tool.version = "9.9.9";
    expect(() => mergeReports([{ path: "a.json", data: JSON.parse(render("json", singles[0]!)) as unknown }, { path: "b.json", data: newer }])).toThrow(/b\.json comes from modelgate 9\.9\.9/);
  });

  it("refuses a report of another schema version", () => {
    const future = JSON.parse(render("json", singles[0]!)) as Record<string, unknown>;
    future["schemaVersion"] = "2.0";
    expect(() => mergeReports([{ path: "future.json", data: future }])).toThrow(/future\.json: report schemaVersion "2\.0"/);
  });
});
