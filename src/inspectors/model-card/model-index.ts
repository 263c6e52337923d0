import { MAX_CARD_LIST_ENTRIES } from "../../limits.js";
import type { ModelIndexMetric } from "./facts.js";

function record(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function text(v: unknown): string | undefined {
  if (typeof v === "string") return v.trim() || undefined;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  return undefined;
}

/**
 * The evaluation results a card reports in its `model-index` front matter (the Hub's schema:
 * model-index[].results[] with task, dataset and metrics[]), flattened to one entry per metric.
 * Entries without a metric type or value are skipped: a metric is only kept as the card states it.
 */
export function readModelIndex(frontMatter: Record<string, unknown>): ModelIndexMetric[] {
  const index = frontMatter["model-index"];
  if (!Array.isArray(index)) return [];
  const out: ModelIndexMetric[] = [];
  for (const model of index) {
    const results = record(model)?.["results"];
    if (!Array.isArray(results)) continue;
    for (const result of results) {
      const r = record(result);
      const task = record(r?.["task"]);
      const dataset = record(r?.["dataset"]);
      const metrics = r?.["metrics"];
      if (!Array.isArray(metrics)) continue;
      for (const metric of metrics) {
        const m = record(metric);
        const type = text(m?.["type"]) ?? text(m?.["name"]);
        const value = text(m?.["value"]);
        if (!type || value === undefined) continue;
        const entry: ModelIndexMetric = { type, value };
        const name = text(m?.["name"]);
        if (name && name !== type) entry.name = name;
        const taskType = text(task?.["type"]);
        if (taskType) entry.task = taskType;
        const datasetName = text(dataset?.["name"]) ?? text(dataset?.["type"]);
        if (datasetName) entry.dataset = datasetName;
        const split = text(dataset?.["split"]);
        if (split) entry.split = split;
        if (m?.["verified"] === true) entry.verified = true;
        out.push(entry);
        // A card is text anyone writes: bound what a hostile one can make the report carry.
        if (out.length >= MAX_CARD_LIST_ENTRIES) return out;
      }
    }
  }
  return out;
}
