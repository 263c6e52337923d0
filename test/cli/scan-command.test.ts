import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { CLEAN_CACHE, CLEAN_REPO, TAMPERED_CACHE, cli, spawnCli } from "./cli-harness.js";

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "modelgate-cli-"));
  temps.push(d);
  return d;
}
function writePolicy(text: string): string {
  const p = join(tempDir(), "policy.yaml");
  writeFileSync(p, text);
  return p;
}
const oneLine = (s: string): boolean => s.trimEnd().split("\n").length === 1 && s.startsWith("modelgate: ");

describe("exit codes", () => {
  it("exits 0 on a clean HF cache snapshot", async () => {
    const r = await cli(["scan", CLEAN_CACHE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("PASSED");
  });

  it("exits 1 when a corrupted cache blob gives a finding at or above --fail-on", async () => {
    const r = await cli(["scan", TAMPERED_CACHE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("MG-INT-001");
  });

  it("exits 0 on the same finding with --fail-on none", async () => {
    expect((await cli(["scan", TAMPERED_CACHE, "--fail-on", "none"])).code).toBe(0);
  });

  it("fails on info findings only when --fail-on info asks for it", async () => {
    expect((await cli(["scan", CLEAN_REPO])).code).toBe(0);
    expect((await cli(["scan", CLEAN_REPO, "--fail-on", "info"])).code).toBe(1);
  });

  it("exits 3 when a file could not be parsed, and 0 with --allow-incomplete", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "config.json"), '{"model_type": "llama",');
    const r = await cli(["scan", dir]);
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/Not checked \(1\)/);
    expect((await cli(["scan", dir, "--allow-incomplete"])).code).toBe(0);
  });

  it("exits 3 as a real process when a file cannot be read", async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, "weights.bin"), "x");
    chmodSync(join(dir, "weights.bin"), 0o000);
    // root reads anything: run the CLI as nobody so the permission really denies the read.
    const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534, env: { HOME: dir } } : {};
    const r = await spawnCli(["scan", dir], asNobody);
    expect(r.stdout).toContain("EACCES");
    expect(r.code).toBe(3);
  });
});

describe("exit-code precedence: 2 > 1 > 3 > 0", () => {
  /** A folder with a critical finding (a pickle calling os.system) and a file that cannot be parsed. */
  function failingAndIncomplete(): string {
    const dir = tempDir();
    writeFileSync(join(dir, "model.pkl"), Buffer.from("\x80\x02cos\nsystem\nq\x00X\x02\x00\x00\x00lsq\x01\x85q\x02Rq\x03.", "latin1"));
    writeFileSync(join(dir, "config.json"), '{"model_type": "llama",');
    return dir;
  }

  it("exits 1, not 3, when the gate fails and a file was also left unchecked", async () => {
    const r = await cli(["scan", failingAndIncomplete(), "--format", "json"]);
    const report = JSON.parse(r.stdout) as { verdict: { passed: boolean; incomplete: boolean } };
    expect(report.verdict).toMatchObject({ passed: false, incomplete: true });
    expect(r.code).toBe(1);
    expect((await cli(["scan", failingAndIncomplete(), "--allow-incomplete"])).code).toBe(1);
  });

  it("exits 2, not 1 or 3, when an operational error follows a failing, incomplete scan", async () => {
    const r = await cli(["scan", failingAndIncomplete(), "-o", join(tempDir(), "missing-dir", "r.json")]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
  });

  it("exits 2, not 1, when --output cannot be written after a hash mismatch", async () => {
    expect((await cli(["scan", TAMPERED_CACHE, "-o", join(tempDir(), "missing-dir", "r.json")])).code).toBe(2);
  });
});

describe("usage errors exit 2 with one line on stderr", () => {
  it.each([
    ["an unknown option", ["scan", CLEAN_REPO, "--bogus"]],
    ["an unknown format", ["scan", CLEAN_REPO, "--format", "xml"]],
    ["an unknown --fail-on severity", ["scan", CLEAN_REPO, "--fail-on", "severe"]],
    ["a concurrency of zero", ["scan", CLEAN_REPO, "--concurrency", "0"]],
    ["a missing target", ["scan"]],
    ["an unknown command", ["frobnicate"]],
    ["a target that is neither a path nor a repo id", ["scan", "./no/such/folder"]],
  ])("for %s", async (_name, args) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr), r.stderr).toBe(true);
    expect(r.stdout).toBe("");
  });

  it("exits 2 when --revision is given for a local folder, pointing at --against", async () => {
    const r = await cli(["scan", CLEAN_REPO, "--revision", "v1"]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
    expect(r.stderr).toContain("--against owner/name@v1");
  });

  it("exits 2 when no command is given", async () => {
    expect((await cli([])).code).toBe(2);
  });

  it("exits 0 for --help and --version", async () => {
    expect((await cli(["--help"])).code).toBe(0);
    const v = await cli(["--version"]);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("exits 2, not commander's 1, as a real process", async () => {
    const r = await spawnCli(["scan", CLEAN_REPO, "--bogus"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("modelgate: unknown option '--bogus'");
  });
});

describe("policy files", () => {
  it("exits 2 for a policy file that does not exist", async () => {
    const r = await cli(["scan", CLEAN_REPO, "--policy", join(tempDir(), "absent.yaml")]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
  });

  it("exits 2 for a policy with invalid YAML", async () => {
    const r = await cli(["scan", CLEAN_REPO, "--policy", writePolicy("rules: [unclosed\n")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid YAML/);
  });

  it("exits 2 for a policy with an unknown key", async () => {
    const r = await cli(["scan", CLEAN_REPO, "--policy", writePolicy("failon: none\n")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown key "failon"/);
  });

  it("suppresses a finding with a waiver, so the gate passes", async () => {
    const policy = writePolicy("waivers:\n  - rule: MG-INT-001\n    path: '*.safetensors'\n    reason: re-downloading; ticket SEC-12\n");
    const r = await cli(["scan", TAMPERED_CACHE, "--policy", policy, "--format", "json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string; suppressed?: { reason: string } }[] };
    expect(report.findings.find((f) => f.ruleId === "MG-INT-001")?.suppressed).toEqual({ reason: "re-downloading; ticket SEC-12" });
  });

  it("warns on stderr about a rule the policy names that does not exist", async () => {
    const r = await cli(["scan", CLEAN_CACHE, "--policy", writePolicy("rules:\n  MG-INT-999: off\n")]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: .*no rule is called "MG-INT-999"/);
  });

  it("takes failOn from the policy unless --fail-on is given", async () => {
    const policy = writePolicy("failOn: none\n");
    expect((await cli(["scan", TAMPERED_CACHE, "--policy", policy])).code).toBe(0);
    expect((await cli(["scan", TAMPERED_CACHE, "--policy", policy, "--fail-on", "high"])).code).toBe(1);
  });
});

describe("formats and --output", () => {
  it("prints JSON with the report schema", async () => {
    const r = await cli(["scan", CLEAN_CACHE, "--format", "json"]);
    const report = JSON.parse(r.stdout) as { schemaVersion: string; files: unknown[]; checklist: unknown[] };
    expect(report.schemaVersion).toBe("1.0");
    expect(report.files).toHaveLength(5);
    expect(report.checklist).toHaveLength(7);
  });

  it("prints SARIF 2.1.0", async () => {
    const r = await cli(["scan", CLEAN_CACHE, "--format", "sarif"]);
    expect((JSON.parse(r.stdout) as { version: string }).version).toBe("2.1.0");
  });

  it("prints Markdown", async () => {
    const r = await cli(["scan", CLEAN_CACHE, "--format", "markdown"]);
    expect(r.stdout).toMatch(/^# Model supply-chain checklist/);
  });

  it("prints the text checklist with no colour codes", async () => {
    const r = await cli(["scan", CLEAN_CACHE, "--format", "text"]);
    expect(r.stdout).toContain("Supply-chain checklist");
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it("writes the report to --output and nothing to stdout", async () => {
    const out = join(tempDir(), "report.txt");
    const r = await cli(["scan", CLEAN_CACHE, "--output", out]);
    expect(r.stdout).toBe("");
    expect(readFileSync(out, "utf8")).toContain("Supply-chain checklist");
    expect(r.stderr).toMatch(/report written to/);
  });

  it.each([
    ["report.sarif", "2.1.0"],
    ["report.sarif.json", "2.1.0"],
  ])("takes SARIF from the extension of %s", async (name, version) => {
    const out = join(tempDir(), name);
    await cli(["scan", CLEAN_CACHE, "-o", out]);
    expect((JSON.parse(readFileSync(out, "utf8")) as { version: string }).version).toBe(version);
  });

  it("takes JSON from a .json extension and Markdown from .md", async () => {
    const dir = tempDir();
    await cli(["scan", CLEAN_CACHE, "-o", join(dir, "r.json")]);
    await cli(["scan", CLEAN_CACHE, "-o", join(dir, "r.md")]);
    expect((JSON.parse(readFileSync(join(dir, "r.json"), "utf8")) as { schemaVersion: string }).schemaVersion).toBe("1.0");
    expect(readFileSync(join(dir, "r.md"), "utf8")).toMatch(/^# Model supply-chain checklist/);
  });

  it("lets --format win over the --output extension", async () => {
    const out = join(tempDir(), "r.json");
    await cli(["scan", CLEAN_CACHE, "-o", out, "--format", "markdown"]);
    expect(readFileSync(out, "utf8")).toMatch(/^# /);
  });

  it("exits 2 when the output file cannot be written", async () => {
    const r = await cli(["scan", CLEAN_CACHE, "-o", join(tempDir(), "missing-dir", "r.json")]);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr)).toBe(true);
  });
});

describe("secrets", () => {
  const TOKEN = "hf_modelgateTestToken1234567890";

  it("never prints the HF_TOKEN value, even when it is part of a scanned path", async () => {
    const dir = join(tempDir(), TOKEN);
    mkdirSync(dir);
    writeFileSync(join(dir, "config.json"), "{}");
    for (const format of ["text", "json", "sarif", "markdown"]) {
      const r = await cli(["scan", dir, "--format", format], { HF_TOKEN: TOKEN });
      expect(r.stdout + r.stderr).not.toContain(TOKEN);
    }
  });

  it("never prints a --token value, in the report file or on stderr", async () => {
    const dir = join(tempDir(), TOKEN);
    mkdirSync(dir);
    writeFileSync(join(dir, "config.json"), "{}");
    const out = join(tempDir(), "r.json");
    const r = await cli(["scan", dir, "--token", TOKEN, "-o", out]);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, "utf8") + r.stdout + r.stderr).not.toContain(TOKEN);
  });
});
