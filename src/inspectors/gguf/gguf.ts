import { LimitExceededError, ParseError } from "../../errors.js";
import { fact, type Fact } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import type { GgufHeader } from "./facts.js";
import { emptyGgufParse, readGguf, type GgufParse } from "./read-gguf.js";

function headerOf(p: GgufParse): GgufHeader | undefined {
  if (p.version === undefined) return undefined;
  const h: GgufHeader = {
    version: p.version,
    tensorCount: p.tensorCount ?? 0,
    kvCount: p.kvCount ?? 0,
    alignment: p.alignment,
    chatTemplates: p.templates.map((t) => t.name ?? "default"),
  };
  if (p.dataOffset !== undefined) h.dataOffset = p.dataOffset;
  const arch = p.strings.get("general.architecture");
  const name = p.strings.get("general.name");
  const license = p.strings.get("general.license");
  if (arch !== undefined) h.architecture = arch;
  if (name !== undefined) h.name = name;
  if (license !== undefined) h.license = license;
  return h;
}

/**
 * Walks the GGUF header (never the tensor data: a remote scan reads only the header's ranges),
 * reports structural problems, and hands every chat template to the template checks.
 */
export const ggufInspector: Inspector = {
  name: "gguf",
  accepts: (p) => p.format === "gguf" || p.declared === "gguf",
  async *inspect(artifact, _probe, ctx): AsyncGenerator<Fact> {
    const parse = emptyGgufParse();
    try {
      await readGguf(artifact.source, parse, ctx.signal);
    } catch (e) {
      if (e instanceof ParseError) {
        const code = /truncated|short read/.test(e.message) ? "truncated" : "malformed";
        parse.problems.push({ code, detail: e.message, ...(e.offset !== undefined ? { region: { byteOffset: e.offset } } : {}) });
      } else if (e instanceof LimitExceededError) {
        parse.problems.push({ code: "limit", detail: `${e.message} (${e.limit})` });
      } else throw e;
    }
    const header = headerOf(parse);
    if (header) yield fact("gguf.header", header, artifact.ref, { byteOffset: 0, byteLength: parse.dataOffset ?? 24 });
    for (const t of parse.templates) {
      yield fact("template.found", { template: t.template, origin: "gguf", ...(t.name !== undefined ? { name: t.name } : {}) }, artifact.ref, t.region);
    }
    for (const { region, ...p } of parse.problems) yield fact("gguf.problem", p, artifact.ref, region);
  },
};
