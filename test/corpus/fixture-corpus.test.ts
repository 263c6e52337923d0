import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURES, cli } from "../cli/cli-harness.js";

/**
 * The bar of the unsafe-serialization work, end to end through the CLI over every committed
 * fixture of the serialization families: every malicious file caught at error level (critical or
 * high, exit 1), no benign file at error level (exit 0), every malformed file reported without a
 * crash (a finding, exit 3 or 1, never 2). Adding a fixture without classifying it here fails.
 */

type Kind =
  /** A payload or a loader-differential trick: a critical/high finding, exit 1. */
  | "malicious"
  /** Real, harmless files: nothing at critical/high, exit 0. */
  | "benign"
  /** Harmless but worth a warning (object arrays, custom ONNX ops, ambiguous headers): a medium finding, nothing above, exit 0. */
  | "suspicious"
  /** Broken files: a finding, exit 3 (not checked) or 1. */
  | "malformed"
  /** A container modelgate cannot open: a warning and exit 3, never a pass. */
  | "unscannable"
  /** Readable, but readers disagree about its structure: a finding, no crash. */
  | "anomalous";

const FAMILIES = ["pickle", "torch", "numpy", "joblib", "archive", "safetensors", "onnx", "keras", "gguf", "savedmodel", "malformed"];

/** First match wins; paths are relative to fixtures/. */
const CLASSES: [RegExp, Kind][] = [
  // B09 variant: memo[0] is an int, CPython refuses the STACK_GLOBAL, so the file is only broken.
  [/^pickle\/advisories\/picklescan-d3273f4-memo-type-confusion\.pkl$/, "malformed"],
  [/^pickle\/advisories\//, "malicious"],
  [/^pickle\/benign\//, "benign"],
  [/^torch\//, "benign"],
  // A pickle glued after a valid array: np.load ignores it, pickle.load of the tail would not.
  [/^numpy\/trailing\.npy$/, "malicious"],
  [/^numpy\/(object|object-member)\.np[yz]$/, "suspicious"],
  [/^numpy\//, "benign"],
  [/^joblib\/logreg\.(lz4|lzma)\.joblib$/, "unscannable"],
  [/^joblib\//, "benign"],
  [/^archive\//, "benign"],
  [/^safetensors\/valid\.safetensors$/, "benign"],
  [/^safetensors\/duplicate-key\.safetensors$/, "suspicious"],
  [/^safetensors\/trailing-pickle\.safetensors$/, "malicious"],
  [/^onnx\/(absolute|traversal)\.onnx$/, "malicious"],
  [/^onnx\/(custom-op|subgraph-custom-op)\.onnx$/, "suspicious"],
  [/^onnx\//, "benign"],
  [/^keras\/(clean|clean-sequential|weights-only)\.(keras|h5)$/, "benign"],
  [/^keras\//, "malicious"],
  [/^gguf\/ssti-template\.gguf$/, "malicious"],
  [/^gguf\//, "benign"],
  [/^savedmodel\/clean$/, "benign"],
  [/^savedmodel\//, "malicious"],
  [/^malformed\/bad-central-offset\.pt$/, "anomalous"],
  // CPython raises on the opcode after PROTO (or on the cut FRAME) before importing anything: not a
  // pickle (issue 8.1), so only the .pkl name lies about the bytes.
  [/^malformed\/(garbage-after-proto\.pkl|truncated\.pkl\.gz)$/, "suspicious"],
  [/^malformed\//, "malformed"],
];

/** Folders scanned as one model (a SavedModel, an ONNX model with its external data). */
const UNIT_DIRS = [/^savedmodel\/[^/]+$/, /^onnx\/external$/];
const NOT_FIXTURES = /(\.py|\/expected\.json)$/;

function units(): string[] {
  const out: string[] = [];
  const walk = (abs: string): void => {
    const rel = relative(FIXTURES, abs);
    if (UNIT_DIRS.some((r) => r.test(rel))) {
      out.push(rel);
      return;
    }
    for (const name of readdirSync(abs).sort()) {
      const child = join(abs, name);
      if (statSync(child).isDirectory()) walk(child);
      else if (!NOT_FIXTURES.test(relative(FIXTURES, child))) out.push(relative(FIXTURES, child));
    }
  };
  for (const family of FAMILIES) walk(join(FIXTURES, family));
  return out;
}

const kindOf = (rel: string): Kind | undefined => CLASSES.find(([re]) => re.test(rel))?.[1];

interface JsonReport {
  findings: { severity: string; ruleId: string; ruleName: string; message: string }[];
  verdict: { incomplete: boolean };
  files: { path: string; format?: string }[];
}

const ERROR_LEVEL = new Set(["critical", "high"]);
/** Findings about the scan's target rather than its bytes (no card, no published hash). */
const ABOUT_TARGET = /^MG-(INT|SRC|CARD|LIC|PROV)-/;

describe("fixture corpus through the CLI", () => {
  const all = units();

  it("classifies every fixture of the serialization families", () => {
    expect(all.filter((u) => kindOf(u) === undefined)).toEqual([]);
    for (const family of FAMILIES) expect(all.some((u) => u.startsWith(`${family}/`)), family).toBe(true);
  });

  for (const unit of all) {
    const kind = kindOf(unit);
    if (!kind) continue;
    it(`${unit} is ${kind}`, async () => {
      const run = await cli(["scan", join(FIXTURES, unit), "--format", "json"]);
      expect(run.code, `${unit}: exit 2 is an operational error, never the answer to a file (${run.stderr})`).not.toBe(2);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      const report = JSON.parse(run.stdout) as JsonReport;
      const findings = report.findings.filter((f) => !ABOUT_TARGET.test(f.ruleId));
      const errors = findings.filter((f) => ERROR_LEVEL.has(f.severity));
      const list = findings.map((f) => `${f.severity} ${f.ruleName}: ${f.message}`).join("\n");
      // Every scanned file carries its byte-sniffed classification in the report.
      expect(report.files.every((f) => f.format !== undefined), unit).toBe(true);
      switch (kind) {
        case "malicious":
          expect(errors.length, `${unit} must be caught at error level:\n${list}`).toBeGreaterThan(0);
          expect(run.code).toBe(1);
          break;
        case "benign":
          expect(errors, `${unit} is benign`).toEqual([]);
          expect(findings.filter((f) => f.severity === "medium"), `${unit} is benign`).toEqual([]);
          expect(run.code, list).toBe(0);
          break;
        case "suspicious":
          expect(errors, `${unit} deserves a warning, not an error`).toEqual([]);
          expect(findings.some((f) => f.severity === "medium"), `${unit}:\n${list}`).toBe(true);
          expect(run.code).toBe(0);
          break;
        case "malformed":
          expect(findings.length, `${unit} must be reported`).toBeGreaterThan(0);
          expect([1, 3], `${unit}:\n${list}`).toContain(run.code);
          break;
        case "unscannable":
          expect(errors).toEqual([]);
          expect(findings.some((f) => f.ruleName === "archive-unscannable"), list).toBe(true);
          expect(report.verdict.incomplete).toBe(true);
          expect(run.code).toBe(3);
          break;
        case "anomalous":
          expect(findings.length, `${unit} must be reported`).toBeGreaterThan(0);
          break;
      }
    });
  }
});
