import { MAX_JSON_BYTES, MAX_TEXT_FILE_BYTES } from "../../limits.js";
import { fact, type Fact, type FactTypes } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import { isRecord, isTextProbe, parseJsonObject, readText } from "../python-source/read-text.js";
import type { TemplateSpecialTokens } from "./facts.js";

type Origin = FactTypes["template.found"]["origin"];

/** `chat_template` as a string or a list of `{name, template}` (tokenizer_config.json, chat_template.json). */
export function templatesOf(value: unknown): { template: string; name?: string }[] {
  if (typeof value === "string") return [{ template: value }];
  if (!Array.isArray(value)) return [];
  return value.flatMap((t) => (isRecord(t) && typeof t["template"] === "string" ? [{ template: t["template"], ...(typeof t["name"] === "string" ? { name: t["name"] } : {}) }] : []));
}

function tokenString(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (isRecord(v) && typeof v["content"] === "string") return v["content"];
  return undefined;
}

/** bos/eos/unk/pad, additional_special_tokens and added_tokens_decoder contents of a tokenizer config. */
export function specialTokensOf(config: Record<string, unknown>): TemplateSpecialTokens {
  const out: TemplateSpecialTokens = { all: [] };
  const bos = tokenString(config["bos_token"]);
  const eos = tokenString(config["eos_token"]);
  const unk = tokenString(config["unk_token"]);
  const pad = tokenString(config["pad_token"]);
  if (bos !== undefined) out.bos = bos;
  if (eos !== undefined) out.eos = eos;
  if (unk !== undefined) out.unk = unk;
  if (pad !== undefined) out.pad = pad;
  const all = new Set([bos, eos, unk, pad].filter((t): t is string => !!t));
  const extra = config["additional_special_tokens"];
  if (Array.isArray(extra)) for (const t of extra) if (tokenString(t)) all.add(tokenString(t) as string);
  const decoder = config["added_tokens_decoder"];
  if (isRecord(decoder)) for (const t of Object.values(decoder)) if (tokenString(t)) all.add(tokenString(t) as string);
  out.all = [...all].filter((t) => t.length > 0 && t.length <= 64).sort();
  return out;
}

/**
 * Emits `template.found` for every chat template in tokenizer_config.json, chat_template.json and
 * chat_template.jinja (GGUF templates come from the GGUF inspector), plus the tokenizer's special
 * tokens for rendering.
 */
export const templateSourceInspector: Inspector = {
  name: "chat-template-sources",
  accepts: (p) =>
    p.depth === 0 && isTextProbe(p) && (p.name === "tokenizer_config.json" || p.name === "chat_template.json" || /^chat_template(\.[\w-]+)?\.jinja$/.test(p.name)),
  async *inspect(artifact, probe, ctx) {
    const out: Fact[] = [];
    if (probe.name.endsWith(".jinja")) {
      const text = await readText(artifact, MAX_TEXT_FILE_BYTES, "MAX_TEXT_FILE_BYTES", ctx.signal);
      const named = /^chat_template\.([\w-]+)\.jinja$/.exec(probe.name)?.[1];
      out.push(fact("template.found", { template: text, origin: "chat_template.jinja", ...(named ? { name: named } : {}) }, artifact.ref));
    } else {
      const config = parseJsonObject(await readText(artifact, MAX_JSON_BYTES, "MAX_JSON_BYTES", ctx.signal));
      if (!config) return;
      const origin: Origin = probe.name === "tokenizer_config.json" ? "tokenizer_config" : "chat_template.json";
      for (const t of templatesOf(config["chat_template"])) out.push(fact("template.found", { ...t, origin }, artifact.ref));
      if (origin === "tokenizer_config") out.push(fact("chat-template.special-tokens", specialTokensOf(config), artifact.ref));
    }
    yield* out;
  },
};
