import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import "../../inspectors/pickle/facts.js";
import { hexOffset, readingNote, verdictOf, writtenNote } from "./verdict-of.js";

export const pickleDangerousGlobal = defineCheck({
  name: "pickle-dangerous-global",
  consumes: ["pickle.global"],
  check(f, ctx) {
    const g = f.data;
    const v = verdictOf(g, ctx);
    if (v?.tier !== "dangerous" || !f.artifact) return;
    const path = refToString(f.artifact);
    const global = g.module !== null && g.name !== null ? `${g.module}.${g.name}` : "?";
    const offset = hexOffset(g.offset);
    const times = g.count > 1 ? ` (${g.count} times)` : "";
    ctx.report({
      messageId: g.module === null || g.name === null ? "computed" : "default",
      artifact: f.artifact,
      region: { byteOffset: g.offset, ...(g.length !== undefined ? { byteLength: g.length } : {}), snippet: global },
      key: `${global}\0${g.unresolved ?? ""}\0${g.offset}`,
      data: { path, global, offset, via: writtenNote(g) + (v.via ? ` (resolves to ${v.via})` : ""), category: v.category, reason: v.reason + readingNote(g.reading) },
      evidence: [{ text: `${g.via} ${global}${writtenNote(g)} at offset ${offset} of pickle ${g.stream}${times}${readingNote(g.reading)}`, artifact: f.artifact, region: { byteOffset: g.offset } }],
    });
  },
});
