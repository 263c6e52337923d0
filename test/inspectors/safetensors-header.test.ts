import { describe, expect, it } from "vitest";
import { validateSafetensorsHeader } from "../../src/inspectors/safetensors/validate-header.js";
import { parseStrictJson } from "../../src/inspectors/safetensors/strict-json.js";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const codes = (header: string, dataBytes: number): string[] => {
  const h = enc(header);
  return validateSafetensorsHeader(h, 8 + h.length + dataBytes).problems.map((p) => p.code);
};

describe("strict JSON scan", () => {
  it("reports a duplicate key with the byte offset of its second occurrence", () => {
    const r = parseStrictJson(enc('{"a":1,"a":2}'));
    expect(r.duplicates).toEqual([{ pointer: "/", key: "a", offset: 7 }]);
  });

  it("keeps __proto__ as a plain key instead of touching the prototype", () => {
    const r = parseStrictJson(enc('{"__proto__":{"polluted":true}}'));
    expect(r.value instanceof Map && r.value.has("__proto__")).toBe(true);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("decodes escapes and surrogate pairs", () => {
    const r = parseStrictJson(enc('["a\\n\\u00e9\\ud83d\\ude00"]'));
    expect(r.value).toEqual(["a\né😀"]);
  });

  it("refuses trailing garbage", () => {
    expect(() => parseStrictJson(enc("{} x"))).toThrow(/trailing/);
  });

  it("refuses nesting past the depth bound instead of overflowing the stack", () => {
    expect(() => parseStrictJson(enc("[".repeat(100_000)))).toThrow(/MAX_JSON_DEPTH|deeper/);
  });
});

describe("safetensors header validation", () => {
  it("accepts a contiguous header that covers the data region", () => {
    expect(codes('{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"U8","shape":[],"data_offsets":[8,9]}}', 9)).toEqual([]);
  });

  it("accepts sub-byte dtypes whose bits fill whole bytes", () => {
    expect(codes('{"a":{"dtype":"F4","shape":[4],"data_offsets":[0,2]}}', 2)).toEqual([]);
  });

  it("flags a shape whose byte size differs from the data span", () => {
    expect(codes('{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}', 8)).toEqual(["size-mismatch"]);
  });

  it("flags an unknown dtype", () => {
    expect(codes('{"a":{"dtype":"F7","shape":[1],"data_offsets":[0,1]}}', 1)).toEqual(["unknown-dtype"]);
  });

  it("flags overlapping spans", () => {
    expect(codes('{"a":{"dtype":"U8","shape":[4],"data_offsets":[0,4]},"b":{"dtype":"U8","shape":[2],"data_offsets":[2,4]}}', 4)).toContain("overlap");
  });

  it("flags a gap between spans", () => {
    expect(codes('{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]},"b":{"dtype":"U8","shape":[2],"data_offsets":[4,6]}}', 6)).toEqual(["gap"]);
  });

  it("flags bytes after the last tensor", () => {
    expect(codes('{"a":{"dtype":"U8","shape":[2],"data_offsets":[0,2]}}', 10)).toEqual(["trailing-bytes"]);
  });

  it("flags a span past the end of the data region", () => {
    expect(codes('{"a":{"dtype":"U8","shape":[8],"data_offsets":[0,8]}}', 4)).toEqual(["out-of-bounds"]);
  });

  it("flags metadata values that are not strings", () => {
    expect(codes('{"__metadata__":{"format":"pt","n":1}}', 0)).toEqual(["metadata-not-string"]);
  });

  it("flags zero-size tensors sharing one offset as ambiguous", () => {
    expect(codes('{"a":{"dtype":"U8","shape":[0],"data_offsets":[0,0]},"b":{"dtype":"U8","shape":[0],"data_offsets":[0,0]}}', 0)).toEqual(["zero-size-alias"]);
  });

  it("flags negative, fractional and reversed offsets", () => {
    expect(codes('{"a":{"dtype":"U8","shape":[1],"data_offsets":[1,0]}}', 1)).toContain("bad-offsets");
    expect(codes('{"a":{"dtype":"U8","shape":[1],"data_offsets":[-1,0]}}', 1)).toContain("bad-offsets");
    expect(codes('{"a":{"dtype":"U8","shape":[1.5],"data_offsets":[0,1]}}', 1)).toContain("bad-shape");
  });

  it("computes huge shape products without losing precision", () => {
    expect(codes('{"a":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,4]}}', 4)).toEqual(["size-mismatch"]);
  });

  it("gives each tensor problem the byte region of its header entry", () => {
    const h = enc('{"a":{"dtype":"F7","shape":[1],"data_offsets":[0,1]}}');
    const [p] = validateSafetensorsHeader(h, 8 + h.length + 1).problems;
    expect(p?.region).toEqual({ byteOffset: 8 + 5, byteLength: h.length - 6 });
  });
});
