import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SNIFF_BYTES } from "../../../src/limits.js";
import { sniffArtifact } from "../../../src/inspectors/sniff.js";
import { MemoryByteSource } from "../../../src/io/byte-source.js";
import type { ByteSource } from "../../../src/types/artifact.js";
import { osSystemPickle, pickle } from "../../builders/pickle-builder.js";
import { buildSafetensors, safetensorsFromHeader } from "../../builders/safetensors.js";
import { FIXTURES } from "../../cli/cli-harness.js";
import { scanFiles } from "../../helpers/scan-files.js";

/**
 * Issue 8.1: a safetensors header length can start 0x80 0x00…0x05 (128, 384, 640, … and 65 664 …),
 * which reads as PROTO. Each file below is what `buildSafetensors` writes for that header length,
 * produced lazily: the header is a prefix of one shared run of realistic tensor entries (with and
 * without `__metadata__`), padded with spaces as the reference writer pads, so every length from 2 to
 * 70 000 costs one 4 KB head, not a whole file.
 */
const TENSOR_BYTES = 32; // BF16 [4, 4]
const entry = (i: number): string => `"model.layers.${i >> 2}.self_attn.${"qkvo"[i & 3]}_proj.weight":{"dtype":"BF16","shape":[4,4],"data_offsets":[${i * TENSOR_BYTES},${(i + 1) * TENSOR_BYTES}]}`;

interface EntryRun {
  bytes: Uint8Array;
  /** ends[k]: length of the run holding the first k entries (no trailing comma). */
  ends: number[];
}

function entryRun(open: string, limit: number): EntryRun {
  let text = open;
  const ends = [open.length];
  for (let i = 0; text.length < limit; i++) {
    text += (i === 0 ? "" : ",") + entry(i);
    ends.push(text.length);
  }
  return { bytes: new TextEncoder().encode(text), ends };
}

const META = '"__metadata__":{"format":"pt"}';
const WITH_META = entryRun(`{${META},`, 70_100);
const PLAIN = entryRun("{", 70_100);
const META_ONLY = new TextEncoder().encode(`{${META}`);

/** A valid safetensors file whose header is exactly `len` bytes, as a ByteSource over its bytes. */
function safetensorsOfHeaderLength(len: number, withMeta: boolean): ByteSource {
  // With metadata the run opens "{meta," and the first entry drops the comma; with none it closes "{meta}".
  const run = withMeta && len >= META.length + 3 ? WITH_META : PLAIN;
  // The most entries that leave room for the closing brace (binary search over the run's ends).
  let k = 0;
  for (let lo = 1, hi = run.ends.length - 1; lo <= hi; ) {
    const mid = (lo + hi) >> 1;
    if (run.ends[mid]! + 1 <= len) (k = mid), (lo = mid + 1);
    else hi = mid - 1;
  }
  const body = run === WITH_META && k === 0 ? META_ONLY : run.bytes.subarray(0, run.ends[k]);
  const headerEnd = 8 + len;
  const size = headerEnd + k * TENSOR_BYTES;
  const prefix = new Uint8Array(8);
  new DataView(prefix.buffer).setBigUint64(0, BigInt(len), true);
  return {
    size,
    bytesRead: 0,
    read: async (offset: number, length: number): Promise<Uint8Array> => {
      const end = Math.min(size, offset + length);
      const out = new Uint8Array(Math.max(0, end - offset));
      // Layout: prefix | body | "}" | spaces up to headerEnd | zeros.
      const put = (part: Uint8Array, at: number): void => {
        const from = Math.max(offset, at);
        const to = Math.min(end, at + part.length);
        if (from < to) out.set(part.subarray(from - at, to - at), from - offset);
      };
      put(prefix, 0);
      put(body, 8);
      put(Uint8Array.of(0x7d), 8 + body.length);
      const padFrom = Math.max(offset, 9 + body.length);
      const padTo = Math.min(end, headerEnd);
      if (padFrom < padTo) out.fill(0x20, padFrom - offset, padTo - offset);
      return out;
    },
  };
}

async function sniff(source: ByteSource): Promise<string> {
  return sniffArtifact(source, await source.read(0, Math.min(SNIFF_BYTES, source.size)));
}

describe("safetensors files whose header length reads as pickle opcodes (issue 8.1)", () => {
  it("the lazy builder writes the same bytes as buildSafetensors and a header of the asked length", async () => {
    const source = safetensorsOfHeaderLength(640, false);
    const bytes = await source.read(0, source.size);
    expect(new DataView(bytes.buffer).getBigUint64(0, true)).toBe(640n);
    const json = new TextDecoder().decode(bytes.subarray(8, 8 + 640));
    const header = JSON.parse(json) as Record<string, { data_offsets: number[] }>;
    const rebuilt = buildSafetensors(Object.fromEntries(Object.keys(header).map((n) => [n, { dtype: "BF16", shape: [4, 4] }])));
    const rebuiltLen = Number(new DataView(rebuilt.buffer).getBigUint64(0, true));
    expect(JSON.parse(new TextDecoder().decode(rebuilt.subarray(8, 8 + rebuiltLen)))).toEqual(header);
    expect(bytes.subarray(8 + 640)).toEqual(rebuilt.subarray(8 + rebuiltLen));
    expect(json.startsWith('{"model.layers.0.self_attn.q_proj.weight"')).toBe(true);
  });

  it("never classifies a valid safetensors file with a header length from 2 to 70 000 as a pickle", async () => {
    const wrong: string[] = [];
    for (let len = 2; len <= 70_000; len++) {
      const format = await sniff(safetensorsOfHeaderLength(len, len % 2 === 0));
      if (format !== "safetensors") wrong.push(`${len}: ${format}`);
    }
    expect(wrong).toEqual([]);
  });

  it("keeps 128-byte and 640-byte headers (\\x80\\x00, \\x80\\x02) safetensors through the whole scan", async () => {
    for (const len of [128, 640, 1408]) {
      const source = safetensorsOfHeaderLength(len, true);
      const r = await scanFiles({ "model.safetensors": await source.read(0, source.size) });
      expect(r.files.find((f) => f.path === "model.safetensors")?.format).toBe("safetensors");
      expect(r.findings.filter((f) => f.severity === "critical" || f.severity === "high")).toEqual([]);
    }
  });
});

describe("pickles under a .safetensors name are still pickles", () => {
  it("reports a real pickle renamed .safetensors as a disguised pickle (MG-FMT-002)", async () => {
    const real = readFileSync(join(FIXTURES, "pickle/benign/stdlib-ordereddict-p4.pkl"));
    const r = await scanFiles({ "model.safetensors": real });
    expect(r.findings.some((f) => f.ruleId === "MG-FMT-002")).toBe(true);
  });

  it("keeps a pickle that imports after a safetensors-like head a pickle", async () => {
    // PROTO 2, then a SHORT_BINUNICODE whose bytes make byte 8 '{' and the u64 prefix a small length.
    const evil = pickle().proto(2).op("SHORT_BINUNICODE", "\u0000\u0000\u0000\u0000{").op("POP").bytes();
    const tail = osSystemPickle("id").subarray(2);
    const bytes = Uint8Array.from([...evil, ...tail, ...new Uint8Array(400)]);
    const r = await scanFiles({ "model.safetensors": bytes });
    expect(r.findings.some((f) => f.ruleId === "MG-FMT-002")).toBe(true);
    expect(r.findings.some((f) => f.ruleName === "pickle-dangerous-call")).toBe(true);
  });

  it("lets a structurally valid safetensors header win over opcodes that only end a value", async () => {
    // Header length 0x47_02_80 spells PROTO 2, BINFLOAT; the float swallows 8 bytes and the key's
    // third character is STOP: CPython would load a float, which runs nothing.
    const st = buildSafetensors({ "a.": { dtype: "U8", shape: [4] } });
    const len = 0x470280;
    const json = new TextDecoder().decode(st.subarray(8, 8 + Number(new DataView(st.buffer).getBigUint64(0, true))));
    const file = safetensorsFromHeader(json + " ".repeat(len - json.length), new Uint8Array(4));
    expect(Array.from(file.subarray(0, 12))).toEqual([0x80, 0x02, 0x47, 0, 0, 0, 0, 0, 0x7b, 0x22, 0x61, 0x2e]);
    expect(await sniff(new MemoryByteSource(file))).toBe("safetensors");
  });
});
