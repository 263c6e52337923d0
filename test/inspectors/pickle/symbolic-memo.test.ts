import { describe, expect, it } from "vitest";
import { MemoOverflow, SymbolicMemo } from "../../../src/inspectors/pickle/symbolic-memo.js";
import { DROPPED, PGlobal, PSeq } from "../../../src/inspectors/pickle/values.js";

/** Fills a memo past MAX_PICKLE_MEMO_BYTES with containers (accounted at 224 bytes each). */
function overflowed(): { memo: SymbolicMemo; overflow: MemoOverflow } {
  const overflow = new MemoOverflow();
  const memo = new SymbolicMemo(overflow);
  for (let i = 0; i < 80_000; i++) memo.put(memo.size, new PSeq("tuple", [], 0));
  return { memo, overflow };
}

describe("symbolic memo", () => {
  it("gives back what PUT stored under sparse and dense keys", () => {
    const memo = new SymbolicMemo(new MemoOverflow());
    memo.put(0, "a");
    memo.put(70_000, "b");
    expect([memo.get(0, 0), memo.get(70_000, 0), memo.size]).toEqual(["a", "b", 2]);
  });

  it("fails on a key that was never stored, as the unpickler does", () => {
    expect(() => new SymbolicMemo(new MemoOverflow()).get(3, 0x10)).toThrow("memo value not found at index 3 at offset 0x10");
  });

  it("answers a key it could not keep past its bound with a dropped value instead of failing", () => {
    const { memo, overflow } = overflowed();
    memo.put(memo.size, new PSeq("list", [], 0));
    expect(overflow.happened).toBe(true);
    expect(memo.get(memo.size - 1, 0)).toBe(DROPPED);
  });

  it("keeps imported globals past its bound", () => {
    const { memo } = overflowed();
    const g = new PGlobal("os", "system", 0, 1, "STACK_GLOBAL");
    memo.put(memo.size, g);
    expect(memo.get(memo.size - 1, 0)).toBe(g);
  });

  it("keeps a name past its bound once a STACK_GLOBAL used it", () => {
    const { memo } = overflowed();
    const key = memo.size;
    memo.put(key, "subprocess");
    expect(memo.get(key, 0)).toBe(DROPPED);
    memo.promoteNames("subprocess", "Popen");
    expect(memo.get(key, 0)).toBe("subprocess");
  });
});
