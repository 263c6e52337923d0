import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadLists } from "../../src/catalog/load-rules.js";
import { inspectArtifact } from "../../src/engine/inspect-artifact.js";
import { inspectors as archiveInspectors } from "../../src/inspectors/archive/index.js";
import { inspectors as numpyInspectors } from "../../src/inspectors/numpy/index.js";
import { inspectors as torchInspectors } from "../../src/inspectors/torch/index.js";
import { MemoryByteSource } from "../../src/io/byte-source.js";
import type { Fact } from "../../src/types/fact.js";
import type { InspectContext } from "../../src/types/inspector.js";
import { mutations } from "../builders/run-inspector.js";
import { buildZip } from "../builders/zip-builder.js";

const FIXTURES = [
  "torch/linear-zip.pt",
  "torch/linear-script.pt",
  "torch/linear-legacy.pt",
  "torch/legacy-tar.pt",
  "numpy/object.npy",
  "numpy/structured.npy",
  "numpy/object-member.npz",
  "numpy/compressed.npz",
  "joblib/logreg.zlib.joblib",
  "joblib/logreg.gzip.joblib",
  "joblib/logreg.bz2.joblib",
  "joblib/logreg.xz.joblib",
  "archive/pickles.tar.gz",
  "archive/deflated.zip",
];
const mine = [...archiveInspectors, ...torchInspectors, ...numpyInspectors];
const lists = loadLists();
const ctx: InspectContext = { target: { kind: "local-dir", input: "fuzz" }, files: [], list: (n) => lists.get(n) };

async function inspect(bytes: Uint8Array): Promise<Fact[]> {
  const facts: Fact[] = [];
  for await (const f of inspectArtifact({ ref: { path: "fuzz.bin" }, source: new MemoryByteSource(bytes), origin: "local" }, 0, mine, ctx)) facts.push(f);
  return facts;
}

function inputs(): { label: string; bytes: Uint8Array }[] {
  const out: { label: string; bytes: Uint8Array }[] = [];
  const forged = buildZip({ members: [{ name: "archive/data.pkl", data: "\x80\x02N.", zip64: true, method: 8 }, { name: "archive/data/0", data: new Uint8Array(64) }], zip64End: true, comment: "c" });
  const all = [...FIXTURES.map((p) => ({ p, b: new Uint8Array(readFileSync(`fixtures/${p}`)) })), { p: "forged-zip64", b: forged }];
  all.forEach(({ p, b }, i) => {
    // Every prefix of the tail region (where zip directories live) plus a spread of earlier cuts.
    for (let cut = 0; cut < b.length; cut += Math.max(1, Math.floor(b.length / 40))) out.push({ label: `${p} cut ${cut}`, bytes: b.subarray(0, cut) });
    for (let cut = Math.max(0, b.length - 64); cut < b.length; cut++) out.push({ label: `${p} cut ${cut}`, bytes: b.subarray(0, cut) });
    mutations(b, 60, 1000 + i).forEach((m, k) => out.push({ label: `${p} mutation ${k}`, bytes: m }));
    // Mutations aimed at the zip end record and central directory.
    const tail = Math.min(200, b.length);
    mutations(b.subarray(b.length - tail), 40, 5000 + i).forEach((m, k) => {
      const t = new Uint8Array(b.length - tail + m.length);
      t.set(b.subarray(0, b.length - tail));
      t.set(m, b.length - tail);
      out.push({ label: `${p} tail mutation ${k}`, bytes: t });
    });
  });
  return out;
}

describe("container inspectors under truncation and mutation", () => {
  it("turn every damaged container into facts, never an escaped exception", async () => {
    const failures: string[] = [];
    for (const { label, bytes } of inputs()) {
      try {
        const facts = await inspect(bytes);
        for (const f of facts) if (f.kind === "scan.inspector-failed") failures.push(`${label}: ${f.data.inspector}: ${f.data.message}`);
      } catch (e) {
        failures.push(`${label}: threw ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
