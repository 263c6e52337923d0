import { describe, expect, it } from "vitest";
import { sniffFormat } from "../../../src/inspectors/sniff.js";
import { emptyStackShape, stepStackShape } from "../../../src/inspectors/sniff/pickle-stack.js";

const latin1 = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0) & 0xff));
const run = (ops: string): boolean => {
  const s = emptyStackShape();
  return [...ops].every((c) => stepStackShape(s, c.charCodeAt(0)));
};

describe("the unpickler stack shape the sniffer keeps (Modules/_pickle.c)", () => {
  it("refuses STOP on an empty stack (unpickling stack underflow)", () => {
    expect(run(".")).toBe(false);
    expect(run("N.")).toBe(true);
  });

  it("refuses TUPLE, LIST and OBJ without a MARK (could not find MARK)", () => {
    expect(run("Nt")).toBe(false);
    expect(run("(Nt")).toBe(true);
    expect(run("(o")).toBe(false);
  });

  it("does not let REDUCE pop below the innermost MARK", () => {
    expect(run("NN(R")).toBe(false);
    expect(run("(NNR")).toBe(true);
  });

  it("lets POP drop a MARK on top of the stack, as load_pop does", () => {
    expect(run("(0N.")).toBe(true);
    expect(run("0")).toBe(false);
  });

  it("needs the list under APPENDS' MARK", () => {
    expect(run("(Ne")).toBe(false);
    expect(run("](Ne.")).toBe(true);
  });
});

describe("PROTO alone does not make a pickle (issue 8.1)", () => {
  it("calls \\x80\\x02 followed by a byte that is no opcode unknown bytes, not a pickle", () => {
    const b = Uint8Array.from([0x80, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xfe]);
    expect(sniffFormat(b, b.length)).toBe("unknown");
  });

  it("still calls a PROTO pickle cut after its import a pickle", () => {
    const b = latin1("\x80\x02cos\nsystem\n");
    expect(sniffFormat(b, b.length)).toBe("pickle");
  });

  it("still calls a PROTO pickle of a plain value a pickle", () => {
    const b = latin1("\x80\x04\x95\x03\x00\x00\x00\x00\x00\x00\x00}\x94.");
    expect(sniffFormat(b, b.length)).toBe("pickle");
  });
});
