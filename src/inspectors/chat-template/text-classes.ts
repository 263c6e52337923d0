import { ConfigError } from "../../errors.js";
import { isRecord } from "../python-source/read-text.js";

/** One pattern of template-instruction-classes.yaml: text a template must never add (hide from the user, persona change, URL, ...). */
export interface InstructionPattern {
  cls: string;
  re: RegExp;
}

/** How added template text is judged: role words and context phrases (template-benign-text.yaml), instruction classes (template-instruction-classes.yaml). */
export interface TemplateTextRules {
  roles: Set<string>;
  context: RegExp[];
  instructions: InstructionPattern[];
  /** Class name → what the finding says the text does ("tells the model to hide things from the user"). */
  classDescriptions: Map<string, string>;
}

/** A class of instruction found in added text, with the words that matched. */
export interface InstructionHit {
  name: string;
  description: string;
  match: string;
  at: number;
}

function entriesOf(raw: unknown, list: string): Record<string, unknown>[] {
  if (!isRecord(raw) || !Array.isArray(raw["entries"])) throw new ConfigError(`${list}: expected a mapping with entries:`);
  return raw["entries"].map((e: unknown, i: number) => {
    if (!isRecord(e) || typeof e["pattern"] !== "string" || typeof e["reason"] !== "string") throw new ConfigError(`${list}: entry ${i + 1} needs pattern and reason`);
    return e;
  });
}

function compile(pattern: string, list: string): RegExp {
  try {
    return new RegExp(pattern, "giu");
  } catch (e) {
    throw new ConfigError(`${list}: pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${(e as Error).message}`);
  }
}

export function parseTemplateTextRules(benignRaw: unknown, classesRaw: unknown): TemplateTextRules {
  const context = entriesOf(benignRaw, "template-benign-text").map((e) => compile(e["pattern"] as string, "template-benign-text"));
  const roleList = isRecord(benignRaw) && Array.isArray(benignRaw["roles"]) ? benignRaw["roles"] : [];
  const roles = new Set(roleList.filter((r): r is string => typeof r === "string").map((r) => r.toLowerCase()));
  const classDescriptions = new Map<string, string>();
  const described = isRecord(classesRaw) && isRecord(classesRaw["classes"]) ? classesRaw["classes"] : {};
  for (const [name, d] of Object.entries(described)) if (typeof d === "string") classDescriptions.set(name, d);
  const instructions = entriesOf(classesRaw, "template-instruction-classes").map((e, i) => {
    const cls = e["class"];
    if (typeof cls !== "string" || !classDescriptions.has(cls)) throw new ConfigError(`template-instruction-classes: entry ${i + 1} needs a class listed under classes:`);
    return { cls, re: compile(e["pattern"] as string, "template-instruction-classes") };
  });
  return { roles, context, instructions, classDescriptions };
}

/** Every instruction class the text matches, first match of each, in text order. */
export function findInstructions(text: string, rules: TemplateTextRules): InstructionHit[] {
  const byClass = new Map<string, InstructionHit>();
  for (const p of rules.instructions) {
    p.re.lastIndex = 0;
    const m = p.re.exec(text);
    if (!m) continue;
    const prev = byClass.get(p.cls);
    if (!prev || m.index < prev.at) byClass.set(p.cls, { name: p.cls, description: rules.classDescriptions.get(p.cls) ?? p.cls, match: m[0].slice(0, 80), at: m.index });
  }
  return [...byClass.values()].sort((a, b) => a.at - b.at);
}

/** The context phrases (dates, tool boilerplate) found in the text, in text order. */
export function contextPhrases(text: string, rules: TemplateTextRules): string[] {
  const found: { at: number; text: string }[] = [];
  for (const re of rules.context) for (const m of text.matchAll(re)) found.push({ at: m.index, text: m[0].replace(/\s+/g, " ").trim() });
  return found.sort((a, b) => a.at - b.at).map((f) => (f.text.length > 120 ? `${f.text.slice(0, 120)}…` : f.text));
}

/** The text with the context phrases removed. */
export function withoutContext(text: string, rules: TemplateTextRules): string {
  let out = text;
  for (const re of rules.context) out = out.replace(re, " ");
  return out;
}
