import { MAX_CARD_LIST_ENTRIES } from "../../limits.js";
import type { CardMetadata, CardMetadataProblem } from "./facts.js";

export interface FieldProblem extends CardMetadataProblem {
  field: string;
}

export interface ReadMetadata {
  metadata: CardMetadata;
  problems: FieldProblem[];
}

type Shape = "string" | "string-list";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (v instanceof Date) return "a date";
  if (isRecord(v)) return "a mapping";
  return `a ${typeof v}`;
}

/**
 * Reads one field that should be a string, or (for "string-list") a string or a list of strings.
 * Never walks deeper than one list level, so a shared (aliased) structure is never expanded.
 */
function readStrings(raw: Record<string, unknown>, field: string, shape: Shape, problems: FieldProblem[]): string[] | undefined {
  if (!(field in raw)) return undefined;
  const v = raw[field];
  if (v === null || v === undefined) return [];
  if (typeof v === "string") return v.trim() === "" ? [] : [v.trim()];
  const expected = shape === "string" ? "a string" : "a string or a list of strings";
  if (shape === "string-list" && Array.isArray(v)) {
    const out: string[] = [];
    for (const [i, item] of v.slice(0, MAX_CARD_LIST_ENTRIES).entries()) {
      if (typeof item === "string") {
        if (item.trim() !== "") out.push(item.trim());
      } else {
        problems.push({ problem: "wrong-shape", field, expected, detail: `${field}[${i}] is ${describe(item)}, expected a string` });
        return out;
      }
    }
    return out;
  }
  problems.push({ problem: "wrong-shape", field, expected, detail: `${field} is ${describe(v)}, expected ${expected}` });
  return [];
}

function checkModelIndex(v: unknown, problems: FieldProblem[]): void {
  const bad = (detail: string): void => {
    problems.push({ problem: "wrong-shape", field: "model-index", expected: "a list of {name, results: [{task, dataset, metrics}]}", detail });
  };
  if (!Array.isArray(v)) return bad(`model-index is ${describe(v)}, expected a list`);
  for (const [i, entry] of v.slice(0, MAX_CARD_LIST_ENTRIES).entries()) {
    if (!isRecord(entry)) return bad(`model-index[${i}] is ${describe(entry)}, expected a mapping`);
    const results = entry["results"];
    if (!Array.isArray(results)) return bad(`model-index[${i}].results is ${describe(results)}, expected a list`);
    for (const [j, r] of results.slice(0, MAX_CARD_LIST_ENTRIES).entries()) {
      const at = `model-index[${i}].results[${j}]`;
      if (!isRecord(r)) return bad(`${at} is ${describe(r)}, expected a mapping`);
      if (!isRecord(r["task"])) return bad(`${at}.task is ${describe(r["task"])}, expected a mapping with a type`);
      if (!isRecord(r["dataset"])) return bad(`${at}.dataset is ${describe(r["dataset"])}, expected a mapping with name and type`);
      if (!Array.isArray(r["metrics"])) return bad(`${at}.metrics is ${describe(r["metrics"])}, expected a list`);
    }
  }
}

const RELATIONS = ["adapter", "merge", "quantized", "finetune"];

/** Top-level keys of the front matter and the lines each spans (a key starts at column 0). */
export function topLevelKeyLines(yamlText: string, firstLine: number): Record<string, { startLine: number; endLine: number }> {
  const lines = yamlText.split("\n");
  const starts: { key: string; line: number }[] = [];
  lines.forEach((l, i) => {
    const m = /^(["']?)([^\s#"'][^:"']*)\1\s*:(?:\s|$)/.exec(l);
    if (m?.[2]) starts.push({ key: m[2].trim(), line: firstLine + i });
  });
  const out: Record<string, { startLine: number; endLine: number }> = {};
  starts.forEach((s, i) => {
    const next = starts[i + 1];
    let end = next ? next.line - 1 : firstLine + lines.length - 1;
    while (end > s.line && (lines[end - firstLine] ?? "").trim() === "") end--;
    if (!(s.key in out)) out[s.key] = { startLine: s.line, endLine: end };
  });
  return out;
}

/** Reads the front-matter fields modelgate uses; a field with the wrong shape is a problem, not a crash. */
export function readMetadata(raw: Record<string, unknown>, fieldLines: CardMetadata["fieldLines"]): ReadMetadata {
  const problems: FieldProblem[] = [];
  const one = (field: string): string | undefined => readStrings(raw, field, "string", problems)?.[0];
  const many = (field: string): string[] => readStrings(raw, field, "string-list", problems) ?? [];
  const metadata: CardMetadata = {
    license: many("license"),
    datasets: many("datasets"),
    baseModels: many("base_model"),
    language: many("language"),
    tags: many("tags"),
    modelIndex: "model-index" in raw,
    gatedFields: Object.keys(raw).some((k) => k.startsWith("extra_gated_")),
    co2EqEmissions: "co2_eq_emissions" in raw,
    fieldLines,
  };
  const optional: [keyof CardMetadata, string][] = [
    ["licenseName", "license_name"],
    ["licenseLink", "license_link"],
    ["pipelineTag", "pipeline_tag"],
    ["libraryName", "library_name"],
  ];
  for (const [key, field] of optional) {
    const v = one(field);
    if (v !== undefined) (metadata as unknown as Record<string, unknown>)[key] = v;
  }
  const relation = one("base_model_relation");
  if (relation !== undefined) {
    metadata.baseModelRelation = relation;
    if (!RELATIONS.includes(relation)) {
      problems.push({ problem: "wrong-shape", field: "base_model_relation", expected: RELATIONS.join(", "), detail: `base_model_relation "${relation}" is not one of ${RELATIONS.join(", ")}` });
    }
  }
  if ("model-index" in raw) checkModelIndex(raw["model-index"], problems);
  if ("extra_gated_fields" in raw && !isRecord(raw["extra_gated_fields"])) {
    problems.push({ problem: "wrong-shape", field: "extra_gated_fields", expected: "a mapping", detail: `extra_gated_fields is ${describe(raw["extra_gated_fields"])}, expected a mapping` });
  }
  for (const k of ["extra_gated_prompt", "extra_gated_heading", "extra_gated_description", "extra_gated_button_content"]) {
    if (k in raw) one(k);
  }
  const co2 = raw["co2_eq_emissions"];
  // YAML 1.1 writers (PyYAML) accept `24_700_000`; js-yaml's 1.2 schema reads it as a string.
  const numeric = (v: unknown): boolean => typeof v === "number" || (typeof v === "string" && /^\d[\d_]*(\.\d+)?$/.test(v.trim()));
  if ("co2_eq_emissions" in raw && !numeric(co2) && !(isRecord(co2) && numeric(co2["emissions"]))) {
    problems.push({ problem: "wrong-shape", field: "co2_eq_emissions", expected: "a number or a mapping with a numeric emissions", detail: `co2_eq_emissions is ${describe(co2)}` });
  }
  return { metadata, problems };
}
