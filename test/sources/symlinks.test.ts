import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scan } from "../../src/scan.js";
import { walkLocalFolder } from "../../src/sources/local-dir.js";
import { findingsOf, writeTempRepo } from "../helpers/scan-files.js";
import { CLEAN_CACHE } from "../cli/cli-harness.js";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function repo(files: Record<string, string | Uint8Array>): string {
  const r = writeTempRepo(files);
  cleanups.push(r.cleanup);
  return r.dir;
}

// A pickle that calls os.system (protocol 2): what a link out of the folder would have loaded.
const EVIL = "\x80\x02cposix\nsystem\nq\x00X\x02\x00\x00\x00idq\x01\x85q\x02Rq\x03.";

describe("symlinks the folder walk does not follow", () => {
  it("a weights file linked to a pickle outside the folder is a high finding naming link and target, and the scan is incomplete", async () => {
    const outside = repo({ "evil.pkl": EVIL });
    const dir = repo({ "README.md": "# m\n" });
    symlinkSync(join(outside, "evil.pkl"), join(dir, "pytorch_model.bin"));
    const report = await scan({ target: dir });
    const hits = findingsOf(report, "source-symlink-escape");
    expect(hits).toHaveLength(1);
    expect(hits[0]!.severity).toBe("high");
    expect(hits[0]!.message).toContain("pytorch_model.bin");
    expect(hits[0]!.message).toContain(join(outside, "evil.pkl"));
    expect(report.verdict.passed).toBe(false);
    expect(report.verdict.incomplete).toBe(true);
    expect(report.incomplete.map((e) => e.path)).toContain("pytorch_model.bin");
  });

  it("never reads the file outside the folder", async () => {
    const outside = repo({ "evil.pkl": EVIL });
    const dir = repo({});
    symlinkSync(join(outside, "evil.pkl"), join(dir, "model.pkl"));
    const report = await scan({ target: dir });
    expect(findingsOf(report, "pickle-dangerous-global")).toEqual([]);
    expect(report.files).toEqual([]);
  });

  it("a link to a folder outside the root is reported too", async () => {
    const outside = repo({ "weights.bin": "x" });
    const dir = repo({});
    symlinkSync(outside, join(dir, "weights"));
    const { links } = await walkLocalFolder(dir);
    expect(links).toEqual([{ link: "weights", target: outside, problem: "outside" }]);
  });

  it("a dangling link is a medium finding and leaves the scan incomplete", async () => {
    const dir = repo({ "README.md": "# m\n" });
    symlinkSync(join(dir, "missing.bin"), join(dir, "model.bin"));
    const report = await scan({ target: dir });
    const hits = findingsOf(report, "source-symlink-broken");
    expect(hits.map((h) => [h.severity, h.message])).toEqual([["medium", `model.bin: symlink dangles (${join(dir, "missing.bin")}): nothing behind it was checked`]]);
    expect(report.verdict.incomplete).toBe(true);
  });

  it("a link loop is reported as a loop", async () => {
    const dir = repo({});
    symlinkSync(join(dir, "b.bin"), join(dir, "a.bin"));
    symlinkSync(join(dir, "a.bin"), join(dir, "b.bin"));
    const { links, files } = await walkLocalFolder(dir);
    expect(files).toEqual([]);
    expect(links.map((l) => [l.link, l.problem])).toEqual([
      ["a.bin", "loop"],
      ["b.bin", "loop"],
    ]);
  });

  it("a link to a file inside the folder is followed, with no finding", async () => {
    const dir = repo({ "real/weights.bin": "abc", "README.md": "# m\n" });
    symlinkSync(join("real", "weights.bin"), join(dir, "alias.bin"));
    const report = await scan({ target: dir });
    expect(report.findings.filter((f) => f.ruleId.startsWith("MG-SRC-"))).toEqual([]);
    expect(report.files.map((f) => f.path)).toEqual(["README.md", "alias.bin", "real/weights.bin"]);
  });

  describe("in an HF cache snapshot", () => {
    function cacheCopy(): { repoDir: string; snapshot: string } {
      const root = mkdtempSync(join(tmpdir(), "modelgate-cache-"));
      cleanups.push(() => rmSync(root, { recursive: true, force: true }));
      const repoDir = join(root, "models--acme--tiny-model");
      cpSync(CLEAN_CACHE, repoDir, { recursive: true, verbatimSymlinks: true });
      const snapshots = join(repoDir, "snapshots");
      return { repoDir, snapshot: join(snapshots, readdirSync(snapshots)[0]!) };
    }

    it("links into the repo's own blobs/ are inside the root: no symlink finding", async () => {
      const { snapshot } = cacheCopy();
      const report = await scan({ target: snapshot });
      expect(report.findings.filter((f) => f.ruleId.startsWith("MG-SRC-00") && /symlink/.test(f.message))).toEqual([]);
      expect(report.verdict.incomplete).toBe(false);
    });

    it("a snapshot link out of the repo folder is a high finding", async () => {
      const { snapshot } = cacheCopy();
      const outside = repo({ "evil.pkl": EVIL });
      symlinkSync(join(outside, "evil.pkl"), join(snapshot, "pytorch_model.bin"));
      writeFileSync(join(outside, "unrelated.txt"), "x");
      const report = await scan({ target: snapshot });
      expect(findingsOf(report, "source-symlink-escape").map((f) => f.artifact?.path)).toEqual(["pytorch_model.bin"]);
      expect(report.verdict.incomplete).toBe(true);
    });
  });
});
