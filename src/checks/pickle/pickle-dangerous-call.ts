import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import "../../inspectors/pickle/facts.js";
import { hexOffset, readingNote, verdictOf } from "./verdict-of.js";

/** Opcodes that change the object below them instead of calling a callable. */
const MUTATIONS = new Set(["BUILD", "APPEND", "APPENDS", "SETITEM", "SETITEMS", "ADDITEMS"]);

export const pickleDangerousCall = defineCheck({
  name: "pickle-dangerous-call",
  consumes: ["pickle.call"],
  check(f, ctx) {
    const c = f.data;
    if (!f.artifact) return;
    const path = refToString(f.artifact);
    const first = c.samples[0];
    const offset = hexOffset(c.offset);
    const evidence = c.samples.map((s) => ({ text: `${c.opcode} at offset ${hexOffset(s.offset)}: ${s.call}`, artifact: f.artifact!, region: { byteOffset: s.offset, byteLength: 1 } }));
    const more = (c.count > 1 ? ` and ${c.count - 1} more time(s)` : "") + readingNote(c.reading);
    if (c.target === "global" && MUTATIONS.has(c.opcode)) {
      ctx.report({
        messageId: "mutation",
        artifact: f.artifact,
        region: { byteOffset: c.offset, byteLength: 1, snippet: first?.call ?? c.callee },
        key: `mutation\0${c.opcode}\0${c.callee}`,
        data: { path, global: c.callee, opcode: c.opcode, offset, call: (first?.call ?? c.callee) + readingNote(c.reading) },
        evidence,
      });
      return;
    }
    for (const g of c.globals) {
      const v = verdictOf(g, ctx);
      if (v?.tier !== "dangerous") continue;
      ctx.report({
        artifact: f.artifact,
        region: { byteOffset: c.offset, byteLength: 1, snippet: first?.call ?? c.callee },
        key: `call\0${c.opcode}\0${c.callee}`,
        data: { path, call: first?.call ?? c.callee, offset, category: v.category, reason: v.reason, more },
        evidence,
      });
      return;
    }
  },
});
