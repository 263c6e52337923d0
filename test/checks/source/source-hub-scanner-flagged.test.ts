import { afterEach, describe, expect, it } from "vitest";
import { scan } from "../../../src/scan.js";
import { startFakeHub, type FakeHub } from "../../support/fake-hub.js";
import { tempCache, tinyRepo } from "../../sources/hub-helpers.js";

let hub: FakeHub | undefined;
let cache: { dir: string; cleanup: () => void } | undefined;
afterEach(async () => {
  await hub?.close();
  cache?.cleanup();
});

const flagged = (status: string): Record<string, unknown> => ({ status, avScan: { status: "safe" }, pickleImportScan: { status } });

async function scanRepo(files: ReturnType<typeof tinyRepo>["files"]) {
  hub = await startFakeHub({ repos: [tinyRepo({ files })] });
  cache = tempCache();
  return scan({ target: "acme/tiny-model", hubUrl: hub.url, cacheDir: cache.dir });
}

describe("source-hub-scanner-flagged (MG-SRC-001)", () => {
  it("stays silent when the Hub's scanners mark every file safe", async () => {
    const report = await scanRepo(tinyRepo().files);
    expect(report.findings.filter((f) => f.ruleId === "MG-SRC-001")).toEqual([]);
  });

  it("reports a file the Hub marks unsafe as high, and fails the model-source item", async () => {
    const report = await scanRepo([...tinyRepo().files, { path: "evil.bin", content: "not a pickle", security: flagged("unsafe") }]);
    const found = report.findings.filter((f) => f.ruleId === "MG-SRC-001");
    expect(found.map((f) => [f.artifact?.path, f.severity, f.message])).toEqual([["evil.bin", "high", "evil.bin: the Hub's security scanners mark this file unsafe"]]);
    expect(report.checklist.find((i) => i.id === "model-source")?.status).toBe("fail");
  });

  it("reports a suspicious file as medium", async () => {
    const report = await scanRepo([...tinyRepo().files, { path: "odd.bin", content: "x", security: flagged("suspicious") }]);
    expect(report.findings.filter((f) => f.ruleId === "MG-SRC-001").map((f) => f.severity)).toEqual(["medium"]);
  });
});
