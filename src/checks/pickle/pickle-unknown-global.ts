import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import "../../inspectors/pickle/facts.js";
import { hexOffset, readingNote, verdictOf, writtenNote } from "./verdict-of.js";

export const pickleUnknownGlobal = defineCheck({
  name: "pickle-unknown-global",
  consumes: ["pickle.global"],
  check(f, ctx) {
    const g = f.data;
    const v = verdictOf(g, ctx);
    if (v?.tier !== "unknown" || !f.artifact) return;
    const path = refToString(f.artifact);
    const offset = hexOffset(g.offset);
    const resolved = g.module !== null && g.name !== null;
    const global = resolved ? `${g.module}.${g.name}` : "?";
    ctx.report({
      messageId: resolved ? "default" : "unresolved",
      artifact: f.artifact,
      region: { byteOffset: g.offset, ...(g.length !== undefined ? { byteLength: g.length } : {}), snippet: global },
      key: `${global}\0${g.unresolved ?? ""}`,
      data: { path, global, offset, module: g.module ?? "", name: g.name ?? "", why: g.unresolved ?? "" },
      evidence: [{ text: `${g.via} ${global}${writtenNote(g)} at offset ${offset} of pickle ${g.stream}${g.count > 1 ? ` (${g.count} times)` : ""}${readingNote(g.reading)}`, artifact: f.artifact, region: { byteOffset: g.offset } }],
    });
  },
});
