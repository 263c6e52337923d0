import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PROJECT_URL } from "../../src/reporters/sarif-rules.js";
import { renderSarif } from "../../src/reporters/sarif.js";
import { scan } from "../../src/scan.js";
import type { ScanReport } from "../../src/types/report.js";
import { scanFiles } from "../helpers/scan-files.js";
import { tempCache, tinyRepo, weights } from "../sources/hub-helpers.js";
import { startFakeHub } from "../support/fake-hub.js";
import { hostileReport } from "./hostile-report.js";
import { locatedChecklistReport, sampleReport } from "./sample-report.js";
import { multitoolPath, validateSarif, type ValidatorIssue } from "./sarif-multitool.js";

const FIXTURES = join(import.meta.dirname, "..", "..", "fixtures");
const bin = multitoolPath();

async function tamperedCacheReport(): Promise<ScanReport> {
  const snapshots = join(FIXTURES, "hf-cache", "models--acme--tampered-model", "snapshots");
  const sha = readdirSync(snapshots)[0] ?? "";
  return scan({ target: join(snapshots, sha) });
}

async function localFileReport(): Promise<ScanReport> {
  const dir = mkdtempSync(join(tmpdir(), "modelgate-file-"));
  try {
    const file = join(dir, "weights.bin");
    writeFileSync(file, new Uint8Array([0x80, 0x02, 0x4b, 0x01, 0x2e]));
    return await scan({ target: file });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A Hub scan (fake Hub): versionControlProvenance, a hash mismatch, bytesTransferred on every file. */
async function hubReport(): Promise<ScanReport> {
  const repo = tinyRepo();
  const part = repo.files[2];
  if (part) part.served = weights(5000, 3);
  const hub = await startFakeHub({ repos: [repo] });
  const cache = tempCache();
  try {
    return await scan({ target: "acme/tiny-model", hubUrl: hub.url, cacheDir: cache.dir });
  } finally {
    await hub.close();
    cache.cleanup();
  }
}

describe.skipIf(!bin)("SARIF output passes Sarif.Multitool validate --rule-kind Sarif;Ghas", () => {
  const reports: Record<string, ScanReport> = {};
  let issues: ValidatorIssue[] = [];

  beforeAll(async () => {
    reports["clean-repo"] = await scan({ target: join(FIXTURES, "repos", "tiny-safetensors-clean") });
    reports["tampered-cache"] = await tamperedCacheReport();
    reports["waived"] = await scanFiles(
      { "README.md": "# model\n", "config.json": "{}\n" },
      { policy: { rules: { "MG-INT-002": "high" }, waivers: [{ rule: "MG-INT-002", path: "config.json", reason: "generated at build time" }], lists: {} } },
    );
    reports["local-file"] = await localFileReport();
    reports["hub-tampered"] = await hubReport();
    reports["hand-built"] = sampleReport();
    reports["located-checklist"] = locatedChecklistReport();
    reports["hostile-names"] = hostileReport();
    const logs: Record<string, string> = {};
    for (const [name, r] of Object.entries(reports)) logs[name] = renderSarif(r);
    // A control: without locations GitHub drops a result, so the validator must flag this one.
    const broken = JSON.parse(logs["hand-built"] ?? "{}") as { runs: { results: { locations?: unknown }[] }[] };
    const first = broken.runs[0]?.results[0];
    if (first) delete first.locations;
    logs["control-broken"] = JSON.stringify(broken);
    issues = validateSarif(bin ?? "", logs);
  }, 180_000);

  it("flags the deliberately broken control log, so a clean result means something", () => {
    expect(issues.filter((i) => i.file === "control-broken" && i.level === "error").length).toBeGreaterThan(0);
  });

  it("the pipeline built the reports the cases are named after", () => {
    expect(reports["tampered-cache"]?.findings.some((f) => f.ruleId === "MG-INT-001")).toBe(true);
    expect(reports["tampered-cache"]?.target.kind).toBe("hf-cache");
    expect(reports["waived"]?.findings.some((f) => f.suppressed)).toBe(true);
    expect(reports["waived"]?.findings.some((f) => !f.suppressed && f.severity === "high")).toBe(true);
    expect(reports["local-file"]?.target.kind).toBe("local-file");
    expect(reports["hub-tampered"]?.target.kind).toBe("hub");
    expect(reports["hub-tampered"]?.findings.some((f) => f.ruleId === "MG-INT-001")).toBe(true);
    expect(reports["clean-repo"]?.verdict.passed).toBe(true);
  });

  // SARIF2005 asks for tool.driver.informationUri. modelgate has no public home yet, and a made-up
  // link would be worse than none: the URI appears once package.json names a `homepage`.
  const allowedWarnings = new Set(PROJECT_URL ? [] : ["SARIF2005"]);

  for (const name of ["clean-repo", "tampered-cache", "waived", "local-file", "hub-tampered", "hand-built", "located-checklist", "hostile-names"]) {
    it(`${name}: no validator error, and no warning beyond the missing project URL`, () => {
      expect(issues.filter((i) => i.file === name && i.level === "error")).toEqual([]);
      expect(issues.filter((i) => i.file === name && i.level === "warning" && !allowedWarnings.has(i.ruleId))).toEqual([]);
    });
  }
});

describe.skipIf(bin)("SARIF validator binary", () => {
  // The package ships an x86-64 binary for Linux, macOS and Windows only. Where it can run, a
  // missing binary must fail the suite, not quietly skip the validation (npm ci installs it as a
  // devDependency and package.json "allowScripts" lets its postinstall make it executable).
  const supported = ["linux", "darwin", "win32"].includes(process.platform) && process.arch === "x64";
  it.runIf(supported)("is installed and executable on this platform (run npm ci)", () => {
    expect(bin, "node_modules/@microsoft/sarif-multitool-<platform>/Sarif.Multitool is missing or not executable").toBeDefined();
  });
  it.skipIf(supported)("is skipped: Sarif.Multitool has no binary for this platform", () => {
    expect(bin).toBeUndefined();
  });
});
