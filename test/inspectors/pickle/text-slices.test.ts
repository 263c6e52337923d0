import { describe, expect, it } from "vitest";
import { latin1Text, utf8Text } from "../../../src/inspectors/pickle/text-slices.js";

const bytes = (...b: number[]): Buffer => Buffer.from(b);

describe("strings from pickle bytes", () => {
  it("decodes short and long ASCII exactly as Buffer does", () => {
    for (let n = 0; n <= 20; n++) {
      const b = Buffer.from("abcdefghijklmnopqrstuvwxyz".slice(0, n));
      expect(utf8Text(b, 0, n)).toBe(b.toString("utf8"));
      expect(latin1Text(b, 0, n)).toBe(b.toString("latin1"));
    }
  });

  it("decodes short UTF-8 with multi-byte characters as Buffer does", () => {
    const b = Buffer.from("né✓", "utf8");
    expect(utf8Text(b, 0, b.length)).toBe("né✓");
  });

  it("turns invalid UTF-8 into replacement characters as Buffer does", () => {
    const b = bytes(0x61, 0xff, 0xc3);
    expect(utf8Text(b, 0, 3)).toBe(b.toString("utf8"));
  });

  it("maps every byte to one character in Latin-1", () => {
    const b = bytes(0x80, 0x02, 0xe9, 0xff);
    expect(latin1Text(b, 0, 4)).toBe("\x80\x02\xe9\xff");
  });

  it("decodes a slice in the middle of a buffer", () => {
    const b = Buffer.from("xxos.systemyy");
    expect(utf8Text(b, 2, 11)).toBe("os.system");
    expect(latin1Text(b, 2, 4)).toBe("os");
  });
});
