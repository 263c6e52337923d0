import type { TemplateInjectedText, TemplateSpecialTokens } from "./facts.js";
import { contextPhrases, findInstructions, withoutContext, type TemplateTextRules } from "./text-classes.js";

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

/** A segment's prose: canaries removed, whitespace collapsed. */
function prose(segment: string): string {
  let text = segment;
  for (const c of ALL_CANARIES) text = text.split(c).join(" ");
  return text.replace(/\s+/g, " ").trim();
}

/** Words of a text that are neither role words nor (where tools are printed) tool-schema words. */
function residueWords(text: string, rules: TemplateTextRules, tools: boolean): string[] {
  return (text.match(WORD) ?? []).filter((w) => !rules.roles.has(w.toLowerCase()) && !(tools && TOOL_WORDS.has(w.toLowerCase())));
}

/** At most MAX_TEXT characters, around `at` when the text is longer (so the matched instruction is in the quote). */
function excerpt(t: string, at = 0): string {
  if (t.length <= MAX_TEXT) return t;
  const start = Math.max(0, Math.min(at - 60, t.length - MAX_TEXT));
  return `${start > 0 ? "…" : ""}${t.slice(start, start + MAX_TEXT)}…`;
}

/** Drops role words left at either end once markers are gone ("system You are Granite. user" → "You are Granite."). */
function trimRoles(t: string, rules: TemplateTextRules): string {
  const words = t.split(" ");
  const isRole = (w: string | undefined): boolean => w !== undefined && rules.roles.has(w.replace(/:$/, "").toLowerCase());
  while (words.length > 1 && isRole(words[0])) words.shift();
  while (words.length > 1 && isRole(words[words.length - 1])) words.pop();
  return words.join(" ");
}

export interface CanaryReading {
  /** Added text, judged: instructions, unrecognized text and context, each with where it was added. */
  injected: TemplateInjectedText[];
  /** Prose before the first user message in the plain conversation (the default system prompt), when it says more than context. */
  beforeFirstUser?: string;
}

type Place = TemplateInjectedText["kind"];

function placeOf(s: Scenario): { kind: Place; where: string } {
  if (s.tools) return { kind: "tools", where: "with the tool instructions, before the first user message" };
  if (s.system) return { kind: "system", where: "before the first user message, besides the caller's system prompt" };
  return { kind: "default", where: "as its default system prompt (the caller gave none)" };
}

/**
 * Judges one piece of added text by what it says. An instruction class match (hide from the user,
 * ignore the user, deceive, persona change, URL, data leak, a tool call of its own) is an
 * instruction wherever it is. Elsewhere, text inside the conversation or on top of the caller's
 * system prompt is context when only dates, tool boilerplate and role words remain once the
 * known phrases are removed, and unrecognized when three or more other words remain. A default
 * system prompt and tool instructions are only judged for instructions (the default prompt is
 * quoted by template-default-system-prompt).
 */
function judge(raw: string, kind: Place, where: string, s: Scenario, rules: TemplateTextRules): TemplateInjectedText | undefined {
  if (!raw) return undefined;
  const text = trimRoles(raw, rules);
  const hits = findInstructions(text, rules);
  const base = { scenario: s.name, where, kind };
  if (hits.length > 0) {
    return { ...base, verdict: "instruction", text: excerpt(text, hits[0]?.at), classes: hits.map((h) => ({ name: h.name, description: h.description, match: h.match })) };
  }
  if (kind === "default" || kind === "tools") return undefined;
  if (residueWords(withoutContext(text, rules), rules, s.tools).length >= MIN_WORDS) return { ...base, verdict: "unrecognized", text: excerpt(text) };
  const context = contextPhrases(text, rules);
  return context.length > 0 ? { ...base, verdict: "context", text: excerpt(text), context } : undefined;
}

/**
 * Splits a rendered canary conversation at every message canary (in output order, wherever the
 * template placed them), removes special tokens and markers, and judges the prose left in each
 * place: after the first user message (inside the conversation), and before it (on top of the
 * caller's system prompt, as the default system prompt, or with the tool instructions).
 */
export function readCanaryOutput(output: string, s: Scenario, tokens: TemplateSpecialTokens | undefined, rules: TemplateTextRules): CanaryReading {
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
  for (const seg of segments) {
    const t = prose(seg.text);
    if (!seg.afterUser) {
      if (t) before.push(t);
      continue;
    }
    const judged = judge(t, "turn", seg.where, s, rules);
    if (judged) reading.injected.push(judged);
  }
  const beforeText = before.join(" ");
  const place = placeOf(s);
  const judged = judge(beforeText, place.kind, place.where, s, rules);
  if (judged) reading.injected.push(judged);
  if (place.kind === "default" && residueWords(withoutContext(beforeText, rules), rules, false).length >= MIN_WORDS) reading.beforeFirstUser = excerpt(trimRoles(beforeText, rules));
  return reading;
}
