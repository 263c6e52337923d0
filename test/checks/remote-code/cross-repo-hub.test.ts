import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scan } from "../../../src/scan.js";
import { startFakeHub, type FakeHub, type FakeRepo } from "../../support/fake-hub.js";

let hub: FakeHub | undefined;
let cacheDir: string | undefined;

afterEach(async () => {
  await hub?.close();
  if (cacheDir) rmSync(cacheDir, { recursive: true, force: true });
  hub = undefined;
  cacheDir = undefined;
});

const SHA = "0123456789abcdef0123456789abcdef01234567";

function modelWithAutoMap(other: string): FakeRepo {
  const config = { model_type: "tiny", auto_map: { AutoConfig: "configuration_tiny.TinyConfig", AutoModel: `${other}--modeling_tiny.TinyModel` } };
  return { id: "acme/model", files: [{ path: "config.json", content: JSON.stringify(config) }, { path: "configuration_tiny.py", content: "class TinyConfig:\n    pass\n" }] };
}

async function scanThroughHub(repos: FakeRepo[]) {
  hub = await startFakeHub({ repos });
  cacheDir = mkdtempSync(join(tmpdir(), "modelgate-crossrepo-"));
  return scan({ target: "acme/model", hubUrl: hub.url, cacheDir });
}

describe("cross-repo code references through the fake Hub", () => {
  it("names the commit the other repo's default branch is at now", async () => {
    const report = await scanThroughHub([modelWithAutoMap("someone/code"), { id: "someone/code", sha: SHA, files: [{ path: "modeling_tiny.py", content: "class TinyModel:\n    pass\n" }] }]);
    const f = report.findings.filter((x) => x.ruleName === "remote-code-cross-repo");
    expect(f.map((x) => [x.severity, x.message])).toEqual([
      ["high", "config.json auto_map.AutoModel imports modeling_tiny.py from another repo, someone/code, at its default branch (now at commit 0123456789ab; a later push there changes what runs here)"],
    ]);
    const ref = report.sections.remoteCode?.references.find((r) => r.repo === "someone/code");
    expect(ref?.lookup).toEqual({ state: "found", sha: SHA });
    expect(report.sections.remoteCode?.references.find((r) => r.local)?.lookup).toBeNull();
  });

  it("is critical when the other repo does not exist, since anyone could create it", async () => {
    const report = await scanThroughHub([modelWithAutoMap("ghost/code")]);
    const f = report.findings.filter((x) => x.ruleName === "remote-code-cross-repo");
    expect(f.map((x) => x.severity)).toEqual(["critical"]);
    expect(f[0]?.message).toContain("ghost/code, at its default branch; that repo does not exist on the Hub, so whoever creates it decides what code runs");
    expect(report.sections.remoteCode?.references.find((r) => r.repo === "ghost/code")?.lookup?.state).toBe("not-found");
  });
});
