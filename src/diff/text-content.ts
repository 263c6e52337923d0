import { findFrontMatter, parseFrontMatter } from "../inspectors/model-card/front-matter.js";
import { scanHeadings } from "../inspectors/model-card/headings.js";
import { errorMessage } from "../errors.js";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Which text files a diff reads, and why; everything else is compared by hash only. */
export function textRole(path: string): "config" | "template" | "card" | undefined {
  const base = path.split("/").pop() ?? path;
  if (path === "README.md") return "card";
  if (base === "chat_template.jinja" || base === "chat_template.json" || (path.startsWith("additional_chat_templates/") && base.endsWith(".jinja"))) return "template";
  if (/config\.json$/.test(base)) return "config";
  return undefined;
}

/** `auto_map` of a config as `key → target` (list values, e.g. tokenizer pairs, joined with " | "). */
export function autoMapOf(text: string): Record<string, string> {
  const raw = parseJson(text);
  const map = isRecord(raw) ? raw["auto_map"] : undefined;
  if (!isRecord(map)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map)) out[k] = Array.isArray(v) ? v.map((x) => String(x)).join(" | ") : String(v);
  return out;
}

/** Chat templates a file carries, by name ("default" for a single one). */
export function chatTemplatesOf(path: string, text: string): Map<string, string> {
  const out = new Map<string, string>();
  const base = path.split("/").pop() ?? path;
  if (base.endsWith(".jinja")) {
    out.set(path.startsWith("additional_chat_templates/") ? base.slice(0, -".jinja".length) : "default", text);
    return out;
  }
  const raw = parseJson(text);
  const value = isRecord(raw) ? raw["chat_template"] : undefined;
  if (typeof value === "string") out.set("default", value);
  else if (Array.isArray(value)) {
    for (const t of value) if (isRecord(t) && typeof t["name"] === "string" && typeof t["template"] === "string") out.set(t["name"], t["template"]);
  }
  return out;
}

export interface CardFields {
  license: string;
  base_model: string;
  datasets: string;
  gating: string;
  sections: string[];
  /** Set when the front matter could not be read: fields are then empty. */
  problem?: string;
}

function asText(v: unknown): string {
  if (v === undefined || v === null) return "";
  if (Array.isArray(v)) return v.map((x) => String(x)).sort().join(", ");
  if (isRecord(v)) return JSON.stringify(v);
  return String(v);
}

/** The card fields a diff compares: license, lineage, datasets, gating terms (`extra_gated_*`) and section headings. */
export function cardFieldsOf(text: string): CardFields {
  const lines = text.split(/\r?\n/);
  const fm = findFrontMatter(lines);
  let meta: Record<string, unknown> = {};
  let problem: string | undefined;
  if (fm.kind === "block") {
    const parsed = parseFrontMatter(fm.block.yaml);
    if (parsed.ok && isRecord(parsed.value)) meta = parsed.value;
    else if (!parsed.ok) problem = parsed.problem.detail;
  }
  const license = [asText(meta["license"]), asText(meta["license_name"]), asText(meta["license_link"])].filter((s) => s !== "").join(" / ");
  const gatingKeys = Object.keys(meta).filter((k) => k.startsWith("extra_gated")).sort();
  const gating = gatingKeys.map((k) => `${k}=${asText(meta[k])}`).join("; ");
  let sections: string[] = [];
  try {
    sections = scanHeadings(lines, fm.kind === "block" ? fm.block.endLine + 1 : 1).headings.filter((h) => h.level <= 6).map((h) => h.text);
  } catch (e) {
    problem ??= errorMessage(e);
  }
  const out: CardFields = { license, base_model: asText(meta["base_model"]), datasets: asText(meta["datasets"]), gating, sections };
  if (problem) out.problem = problem;
  return out;
}
