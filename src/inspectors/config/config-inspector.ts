import { LimitExceededError, ParseError } from "../../errors.js";
import { MAX_JSON_BYTES } from "../../limits.js";
import { fact } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import type { ConfigArchitecture } from "./facts.js";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Architecture facts from the root config.json (transformers) or model_index.json (diffusers). */
export const configInspector: Inspector = {
  name: "config",
  accepts: (probe) => probe.depth === 0 && !probe.ref.parent && (probe.ref.path === "config.json" || probe.ref.path === "model_index.json"),
  async *inspect(artifact, _probe, ctx) {
    const size = artifact.source.size;
    if (size > MAX_JSON_BYTES) throw new LimitExceededError("MAX_JSON_BYTES", `${size} bytes, more than the ${MAX_JSON_BYTES} modelgate parses`);
    const text = new TextDecoder("utf-8", { fatal: false }).decode(await artifact.source.read(0, size, ctx.signal));
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      // No path in these messages: the MG-GEN rule templates start with it ("{{path}}: {{message}}").
      throw new ParseError(`not valid JSON: ${(e as Error).message}`);
    }
    if (!isRecord(json)) throw new ParseError("not a JSON object");
    const source = artifact.ref.path === "config.json" ? "config.json" : "model_index.json";
    const out: ConfigArchitecture = { architectures: [], source };
    if (source === "config.json") {
      const arch = json["architectures"];
      if (Array.isArray(arch)) out.architectures = arch.filter((a): a is string => typeof a === "string").slice(0, 20);
      if (typeof json["model_type"] === "string") out.modelType = json["model_type"];
    } else if (typeof json["_class_name"] === "string") {
      out.architectures = [json["_class_name"]];
    }
    yield fact("config.architecture", out, artifact.ref);
  },
};
