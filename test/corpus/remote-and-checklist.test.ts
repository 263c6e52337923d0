import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { osSystemPickle } from "../builders/pickle-builder.js";
import { buildZip } from "../builders/zip-builder.js";
import { FIXTURES, cli } from "../cli/cli-harness.js";
import { COMMIT_A, tempCache } from "../sources/hub-helpers.js";
import { startFakeHub, type FakeFile, type FakeHub } from "../support/fake-hub.js";

/**
 * Remote scans through the fake Hub and the CLI: a --metadata-only scan of a large zip checkpoint
 * reads its central directory and pickle member with range requests (kilobytes, shown per file as
 * JSON `files[].bytesTransferred`), and checklist items 6 (dependencies) and 7 (weights) get the
 * status a pickle or safetensors repository deserves.
 */

const STORAGE_BYTES = 8 * 1024 * 1024;
const SAFETENSORS = readFileSync(join(FIXTURES, "safetensors/valid.safetensors"));
const LEGACY_STATE_DICT = readFileSync(join(FIXTURES, "pickle/benign/torch-legacy-state-dict.bin"));

/** A torch.save-shaped zip: the pickle first, then one large tensor storage. */
function checkpoint(dataPkl: Uint8Array): Uint8Array {
  return buildZip({
    members: [
      { name: "archive/data.pkl", data: dataPkl },
      { name: "archive/version", data: "3\n" },
      { name: "archive/data/0", data: new Uint8Array(STORAGE_BYTES).fill(0x3c) },
    ],
  });
}

interface JsonReport {
  files: { path: string; format?: string; size: number; bytesTransferred?: number; verification: string }[];
  findings: { ruleName: string; severity: string; message: string }[];
  checklist: { id: string; status: string; summary: string }[];
  verdict: { passed: boolean; incomplete: boolean };
}

let hub: FakeHub | undefined;
let cache: { dir: string; cleanup: () => void } | undefined;
afterEach(async () => {
  await hub?.close();
  cache?.cleanup();
  hub = undefined;
  cache = undefined;
});

async function scanHub(files: FakeFile[], extra: string[] = []): Promise<{ code: number; report: JsonReport }> {
  hub = await startFakeHub({ repos: [{ id: "acme/model", sha: COMMIT_A, refs: { main: COMMIT_A }, files: [{ path: "config.json", content: '{"model_type":"gpt2"}\n' }, ...files] }] });
  cache = tempCache();
  const env = { HF_ENDPOINT: hub.url, HF_HUB_CACHE: cache.dir, HOME: cache.dir, HF_HUB_OFFLINE: "" };
  const run = await cli(["scan", "acme/model", "--format", "json", ...extra], env);
  expect(run.stderr).toBe("");
  return { code: run.code, report: JSON.parse(run.stdout) as JsonReport };
}

const item = (r: JsonReport, id: string) => r.checklist.find((c) => c.id === id);
const file = (r: JsonReport, path: string) => r.files.find((f) => f.path === path);

describe("--metadata-only through the fake Hub", () => {
  it("finds the payload of a large zip checkpoint by reading kilobytes, and says so per file", async () => {
    const big = checkpoint(osSystemPickle("echo pwned"));
    const { code, report } = await scanHub([
      { path: "pytorch_model.bin", content: big, lfs: true },
      { path: "model.safetensors", content: SAFETENSORS, lfs: true },
    ], ["--metadata-only"]);
    expect(code).toBe(1);
    expect(report.findings.some((f) => f.ruleName === "pickle-dangerous-call" && f.message.includes('os.system("echo pwned")'))).toBe(true);
    const bin = file(report, "pytorch_model.bin")!;
    expect(bin.format).toBe("pytorch-zip");
    expect(bin.bytesTransferred).toBeGreaterThan(0);
    expect(bin.bytesTransferred!).toBeLessThan(64 * 1024);
    expect(bin.bytesTransferred! / big.byteLength).toBeLessThan(0.01);
    expect(file(report, "model.safetensors")?.format).toBe("safetensors");
    expect(file(report, "model.safetensors")?.bytesTransferred).toBeLessThanOrEqual(SAFETENSORS.byteLength);
    // Every request for the checkpoint was a byte range; none fetched the storage.
    const whole = hub!.requests.filter((r) => r.url.endsWith("/pytorch_model.bin") && r.method === "GET" && r.headers["range"] === undefined);
    expect(whole).toEqual([]);
    expect(item(report, "dependency-scanning")?.status).toBe("fail");
    expect(item(report, "weight-integrity")?.status).toBe("not-checked");
  });

  it("reads a benign checkpoint's pickle remotely and recommends the safetensors copy", async () => {
    const { report } = await scanHub([
      { path: "pytorch_model.bin", content: readFileSync(join(FIXTURES, "torch/linear-zip.pt")), lfs: true },
      { path: "model.safetensors", content: SAFETENSORS, lfs: true },
    ], ["--metadata-only"]);
    expect(report.findings.filter((f) => f.severity === "critical" || f.severity === "high")).toEqual([]);
    expect(report.findings.find((f) => f.ruleName === "pickle-in-weights-file")?.message).toBe(
      "pytorch_model.bin duplicates weights also shipped as safetensors (model.safetensors); prefer the safetensors file (use_safetensors=True) and remove pytorch_model.bin",
    );
    expect(item(report, "dependency-scanning")?.status).toBe("review");
  });
});

describe("checklist items 6 and 7 for pickle and safetensors repositories", () => {
  it("a safetensors-only repository passes both once its hashes verify", async () => {
    const { code, report } = await scanHub([{ path: "model.safetensors", content: SAFETENSORS, lfs: true }]);
    expect(item(report, "dependency-scanning")?.status).toBe("pass");
    expect(item(report, "weight-integrity")?.status).toBe("pass");
    expect(file(report, "model.safetensors")?.verification).toBe("verified");
    expect(code).toBe(0);
  });

  it("benign pickle weights ask for review on item 6 and still verify on item 7", async () => {
    const { code, report } = await scanHub([{ path: "pytorch_model.bin", content: LEGACY_STATE_DICT, lfs: true }]);
    expect(item(report, "dependency-scanning")?.status).toBe("review");
    expect(item(report, "weight-integrity")?.status).toBe("pass");
    expect(code).toBe(0);
  });

  it("a hostile pickle fails item 6; a tampered download fails item 7", async () => {
    const evil = osSystemPickle();
    const { code, report } = await scanHub([
      { path: "pytorch_model.bin", content: evil, lfs: true },
      { path: "model.safetensors", content: SAFETENSORS, served: Uint8Array.from(SAFETENSORS).fill(0x20, 200, 210), lfs: true },
    ]);
    expect(item(report, "dependency-scanning")?.status).toBe("fail");
    expect(item(report, "weight-integrity")?.status).toBe("fail");
    expect(code).toBe(1);
  });
});
