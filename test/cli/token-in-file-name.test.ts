import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FORMATS_OUT } from "../../src/reporters/index.js";
import { buildZip } from "../builders/zip-builder.js";
import { writeTempRepo } from "../helpers/scan-files.js";
import { cli } from "./cli-harness.js";

// Three tokens, each only in a name: a file, a folder, an archive member.
const IN_FILE = "hf_" + "QmWnEbRvTcYxUzIaOsPdLfKgJhMqNwBe".padEnd(34, "Z");
const IN_FOLDER = "hf_" + "XpLoKiJuHyGtFrDeSwAqZmXnCbVpLoKiJu".slice(0, 34);
const IN_MEMBER = "hf_" + "TzRxEcWvQbYnUmIoPaSdFgHjKlZxCvBnMa".slice(0, 34);
const BODIES = [IN_FILE, IN_FOLDER, IN_MEMBER].map((t) => t.slice(3));

const repo = writeTempRepo({
  [`notes_${IN_FILE}.txt`]: "hello\n",
  [`backup_${IN_FOLDER}/weights.bin`]: new Uint8Array([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4, 1, 2, 3, 4]),
  "bundle.zip": buildZip({ members: [{ name: `cache/${IN_MEMBER}.pkl`, data: "\x80\x04\x95\x05\x00\x00\x00\x00\x00\x00\x00}\x94." }] }),
});
const out = mkdtempSync(join(tmpdir(), "modelgate-token-out-"));
afterAll(() => {
  repo.cleanup();
  rmSync(out, { recursive: true, force: true });
});

function leaks(text: string): string[] {
  // Markdown escapes the underscore of `hf_`: look for the bodies, which hold no markup character.
  return BODIES.filter((b) => text.includes(b) || text.includes(b.slice(5, 25)));
}

describe("a token in a file, folder or member name is masked in every output", () => {
  for (const format of FORMATS_OUT) {
    it(`${format} on stdout`, async () => {
      const run = await cli(["scan", repo.dir, "--format", format]);
      expect(run.stdout.length).toBeGreaterThan(0);
      expect(leaks(run.stdout + run.stderr)).toEqual([]);
      expect(run.stdout).toContain("hf_********");
    });

    it(`${format} written with -o`, async () => {
      const file = join(out, `report.${format}`);
      const run = await cli(["scan", repo.dir, "--format", format, "-o", file]);
      const written = readFileSync(file, "utf8");
      expect(written.length).toBeGreaterThan(0);
      expect(leaks(written + run.stdout + run.stderr)).toEqual([]);
    });
  }

  it("SARIF artifact locations and URIs carry the masked names", async () => {
    const run = await cli(["scan", repo.dir, "--format", "sarif"]);
    const sarif = JSON.parse(run.stdout) as { runs: { artifacts?: { location?: { uri?: string } }[] }[] };
    const uris = (sarif.runs[0]?.artifacts ?? []).map((a) => a.location?.uri ?? "");
    expect(uris.some((u) => u.startsWith("notes_hf_"))).toBe(true);
    for (const u of uris) expect(leaks(decodeURIComponent(u))).toEqual([]);
  });
});
