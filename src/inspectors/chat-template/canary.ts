import { ConfigError } from "../../errors.js";
import { isRecord } from "../python-source/read-text.js";
import type { TemplateInjectedText, TemplateSpecialTokens } from "./facts.js";

/** Message contents no template produces by itself, so their positions in the output are certain. */
export const CANARY = {
  system: "QZXSYSTEMQZX",
  user1: "QZXUSERONEQZX",
  assistant1: "QZXASSISTANTONEQZX",
  user2: "QZXUSERTWOQZX",
  toolName: "qzx_lookup",
  toolDescription: "QZXTOOLDESCQZX",
  toolArg: "qzx_query",
  toolArgDescription: "QZXARGDESCQZX",
} as const;

export interface Scenario {
  name: "plain" | "system" | "tools" | "system+tools";
  system: boolean;
  tools: boolean;
}

export const SCENARIOS: readonly Scenario[] = [
  { name: "plain", system: false, tools: false },
  { name: "system", system: true, tools: false },
  { name: "tools", system: false, tools: true },
  { name: "system+tools", system: true, tools: true },
];

/** The render context for one canary conversation (what transformers' apply_chat_template passes). */
export function scenarioContext(s: Scenario, tokens: TemplateSpecialTokens | undefined): Record<string, unknown> {
  const messages = [
    ...(s.system ? [{ role: "system", content: CANARY.system }] : []),
    { role: "user", content: CANARY.user1 },
    { role: "assistant", content: CANARY.assistant1 },
    { role: "user", content: CANARY.user2 },
  ];
  const ctx: Record<string, unknown> = {
    messages,
    add_generation_prompt: true,
    bos_token: tokens?.bos ?? "<s>",
    eos_token: tokens?.eos ?? "</s>",
    unk_token: tokens?.unk ?? "<unk>",
    pad_token: tokens?.pad ?? "<pad>",
  };
  if (s.tools) {
    ctx["tools"] = [
      {
        type: "function",
        function: {
          name: CANARY.toolName,
          description: CANARY.toolDescription,
          parameters: { type: "object", properties: { [CANARY.toolArg]: { type: "string", description: CANARY.toolArgDescription } }, required: [CANARY.toolArg] },
        },
      },
    ];
  }
  return ctx;
}

export interface BenignText {
  roles: Set<string>;
  phrases: RegExp[];
}

export function parseBenignText(raw: unknown): BenignText {
  if (!isRecord(raw) || !Array.isArray(raw["entries"])) throw new ConfigError("template-benign-text: expected a mapping with roles: and entries:");
  const roles = new Set((Array.isArray(raw["roles"]) ? raw["roles"] : []).filter((r): r is string => typeof r === "string").map((r) => r.toLowerCase()));
  const phrases = raw["entries"].map((e: unknown, i: number) => {
    if (!isRecord(e) || typeof e["pattern"] !== "string" || typeof e["reason"] !== "string") throw new ConfigError(`template-benign-text: entry ${i + 1} needs pattern and reason`);
    return new RegExp(e["pattern"], "g");
  });
  return { roles, phrases };
}

/** Tag-like markers every template family uses: <|im_start|>, <｜User｜>, <start_of_turn>, [INST], <<SYS>>. */
const MARKERS = [/<\|[^<>|\n]{0,48}\|>/g, /<｜[^｜\n]{0,48}｜>/g, /<\/?[A-Za-z_][\w:.▁-]{0,40}\/?>/g, /\[\/?[A-Z][A-Z_]{1,30}\]/g, /<<\/?SYS>>/g];
/** JSON-schema words of the canary tool definition, ignored where the template prints the tools. */
const TOOL_WORDS = new Set(["type", "function", "name", "description", "parameters", "object", "properties", "string", "required", "tools", "tool", "json"]);
const WORD = /\p{L}{2,}/gu;
const MIN_WORDS = 3;
const MAX_TEXT = 200;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const MESSAGE_CANARIES: readonly { canary: string; label: string }[] = [
  { canary: CANARY.system, label: "the system prompt" },
  { canary: CANARY.user1, label: "user message 1" },
  { canary: CANARY.assistant1, label: "assistant message 1" },
  { canary: CANARY.user2, label: "user message 2" },
];
const ALL_CANARIES = [...MESSAGE_CANARIES.map((m) => m.canary), CANARY.toolName, CANARY.toolDescription, CANARY.toolArg, CANARY.toolArgDescription];

/** A segment's prose: canaries and known header phrases removed, whitespace collapsed. */
function prose(segment: string, benign: BenignText): string {
  let text = segment;
  for (const c of ALL_CANARIES) text = text.split(c).join(" ");
  for (const p of benign.phrases) text = text.replace(p, " ");
  return text.replace(/\s+/g, " ").trim();
}

/** Words of a segment that are neither role words nor (where tools are printed) tool-schema words. */
function residueWords(text: string, benign: BenignText, tools: boolean): string[] {
  return (text.match(WORD) ?? []).filter((w) => !benign.roles.has(w.toLowerCase()) && !(tools && TOOL_WORDS.has(w.toLowerCase())));
}

function shorten(t: string): string {
  return t.length > MAX_TEXT ? `${t.slice(0, MAX_TEXT)}…` : t;
}

/** Drops role words left at either end once markers are gone ("system You are Granite. user" → "You are Granite."). */
function trimRoles(t: string, benign: BenignText): string {
  const words = t.split(" ");
  const isRole = (w: string | undefined): boolean => w !== undefined && benign.roles.has(w.replace(/:$/, "").toLowerCase());
  while (words.length > 1 && isRole(words[0])) words.shift();
  while (words.length > 1 && isRole(words[words.length - 1])) words.pop();
  return words.join(" ");
}

export interface CanaryReading {
  injected: TemplateInjectedText[];
  /** Prose before the first user message (default system prompt, tool instructions). */
  beforeFirstUser?: string;
}

/**
 * Splits a rendered canary conversation at every message canary (in output order, wherever the
 * template placed them), removes special tokens, markers, role words and known header phrases,
 * and reports what prose is left and where. Prose after the first user message is injected into
 * the conversation; prose before it, when the caller supplied a system prompt without tools, is
 * added on top of the caller's instructions.
 */
export function readCanaryOutput(output: string, s: Scenario, tokens: TemplateSpecialTokens | undefined, benign: BenignText): CanaryReading {
  let text = output;
  const special = [...(tokens?.all ?? [])].sort((a, b) => b.length - a.length);
  for (const t of special) text = text.replace(new RegExp(escapeRegExp(t), "g"), " ");
  for (const m of MARKERS) text = text.replace(m, " ");
  const hits: { at: number; end: number; label: string; user1: boolean }[] = [];
  for (const m of MESSAGE_CANARIES) {
    for (let at = text.indexOf(m.canary); at >= 0; at = text.indexOf(m.canary, at + 1)) hits.push({ at, end: at + m.canary.length, label: m.label, user1: m.canary === CANARY.user1 });
  }
  hits.sort((a, b) => a.at - b.at);
  const segments: { where: string; text: string; afterUser: boolean }[] = [];
  let pos = 0;
  let where = "before the first message";
  let afterUser = false;
  for (const h of hits) {
    segments.push({ where, text: text.slice(pos, h.at), afterUser });
    pos = h.end;
    where = `after ${h.label}`;
    if (h.user1) afterUser = true;
  }
  segments.push({ where: hits.length > 0 ? where : "whole output", text: text.slice(pos), afterUser });
  const reading: CanaryReading = { injected: [] };
  const before: string[] = [];
  let beforeWords = 0;
  for (const seg of segments) {
    const t = prose(seg.text, benign);
    const words = residueWords(t, benign, s.tools).length;
    if (!seg.afterUser) {
      if (t) before.push(t);
      beforeWords += words;
    } else if (words >= MIN_WORDS) reading.injected.push({ scenario: s.name, where: seg.where, text: shorten(trimRoles(t, benign)), kind: "turn" });
  }
  if (beforeWords >= MIN_WORDS) {
    reading.beforeFirstUser = shorten(trimRoles(before.join(" "), benign));
    if (s.system && !s.tools) reading.injected.push({ scenario: s.name, where: "before the first user message, besides the caller's system prompt", text: reading.beforeFirstUser, kind: "system" });
  }
  return reading;
}
