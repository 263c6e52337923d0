import { describe, expect, it } from "vitest";
import { ParseError } from "../../../src/errors.js";
import { SymbolicStack } from "../../../src/inspectors/pickle/symbolic-stack.js";

describe("symbolic stack", () => {
  it("refuses to pop a value below the innermost MARK, naming the offset", () => {
    const s = new SymbolicStack();
    s.push(1);
    s.mark();
    expect(() => s.pop(0x20)).toThrow(new ParseError("unpickling stack underflow at offset 0x20", { offset: 0x20 }));
  });

  it("returns the values above a MARK, the first few kept, with their full count", () => {
    const s = new SymbolicStack();
    s.push("below");
    s.mark();
    for (let i = 0; i < 40; i++) s.push(i);
    const { items, count } = s.popMark(0);
    expect(count).toBe(40);
    expect(items.slice(0, 3)).toEqual([0, 1, 2]);
    expect(s.values).toEqual(["below"]);
  });

  it("lets POP take a MARK that sits at the top instead of a value, as _pickle.c does", () => {
    const s = new SymbolicStack();
    s.push(1);
    s.mark();
    s.popValueOrMark(0);
    expect(s.marks).toEqual([]);
    expect(s.pop(0)).toBe(1);
  });

  it("reports a missing MARK", () => {
    expect(() => new SymbolicStack().popMark(5)).toThrow("could not find MARK at offset 0x5");
  });
});
