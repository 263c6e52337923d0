import { ConfigError } from "../../errors.js";
import { SECTION_TOPICS, type SectionTopic } from "./facts.js";

/** A heading pattern from rules/_lists/card-sections.yaml. */
export interface TopicRule {
  topic: SectionTopic;
  pattern: RegExp;
  /** The section must also contain this (a "Training" section counts as training data only if it names data). */
  requiresBody?: RegExp;
}

export interface PatternRule {
  pattern: RegExp;
  reason: string;
}

export interface CardLists {
  topics: TopicRule[];
  /** Lower-cased template placeholder and boilerplate texts (rules/_lists/card-placeholders.yaml). */
  placeholders: string[];
  /** PII handling statements (rules/_lists/pii-phrases.yaml). */
  pii: PatternRule[];
  /** Sentences that say what the model was trained on (rules/_lists/training-data-phrases.yaml). */
  trainingData: PatternRule[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function entries(raw: unknown, name: string): Record<string, unknown>[] {
  if (raw === undefined) return [];
  const list = isRecord(raw) ? raw["entries"] : undefined;
  if (!Array.isArray(list)) throw new ConfigError(`list ${name}: expected a mapping with an "entries:" list`);
  return list.map((e, i) => {
    if (!isRecord(e) || typeof e["reason"] !== "string") throw new ConfigError(`list ${name}: entry ${i + 1} must be a mapping with a "reason"`);
    return e;
  });
}

/** Patterns are case-insensitive unless the entry sets `caseSensitive: true` (to see a capitalised name). */
function regex(source: unknown, name: string, i: number, caseSensitive = false): RegExp {
  if (typeof source !== "string" || source === "") throw new ConfigError(`list ${name}: entry ${i + 1} needs a "pattern" string`);
  try {
    return new RegExp(source, caseSensitive ? "u" : "iu");
  } catch (e) {
    throw new ConfigError(`list ${name}: entry ${i + 1} pattern is not a valid regular expression: ${(e as Error).message}`);
  }
}

const cache = new WeakMap<object, CardLists>();

/** Reads and validates the card lists; compiled once per scan (lists are per-scan objects). */
export function cardLists(list: (name: string) => unknown): CardLists {
  const key = { s: list("card-sections"), p: list("card-placeholders"), i: list("pii-phrases"), t: list("training-data-phrases") };
  const anchor = (isRecord(key.s) ? key.s : undefined) ?? undefined;
  const cached = anchor ? cache.get(anchor) : undefined;
  if (cached) return cached;
  const topics = entries(key.s, "card-sections").map((e, i): TopicRule => {
    const topic = e["topic"];
    if (typeof topic !== "string" || !(SECTION_TOPICS as readonly string[]).includes(topic)) {
      throw new ConfigError(`list card-sections: entry ${i + 1} topic must be one of ${SECTION_TOPICS.join(", ")}`);
    }
    const rule: TopicRule = { topic: topic as SectionTopic, pattern: regex(e["pattern"], "card-sections", i) };
    if (e["requiresBody"] !== undefined) rule.requiresBody = regex(e["requiresBody"], "card-sections", i);
    return rule;
  });
  const placeholders = entries(key.p, "card-placeholders").map((e, i) => {
    if (typeof e["text"] !== "string" || e["text"].trim() === "") throw new ConfigError(`list card-placeholders: entry ${i + 1} needs a "text"`);
    return e["text"].toLowerCase();
  });
  const pii = entries(key.i, "pii-phrases").map((e, i): PatternRule => ({ pattern: regex(e["pattern"], "pii-phrases", i), reason: String(e["reason"]) }));
  const trainingData = entries(key.t, "training-data-phrases").map((e, i): PatternRule => ({ pattern: regex(e["pattern"], "training-data-phrases", i, e["caseSensitive"] === true), reason: String(e["reason"]) }));
  const out: CardLists = { topics, placeholders: placeholders.sort((a, b) => b.length - a.length), pii, trainingData };
  if (anchor) cache.set(anchor, out);
  return out;
}
