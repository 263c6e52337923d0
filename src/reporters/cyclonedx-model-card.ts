import type { CardQuote, ModelDetails } from "../summaries/model-details.js";
import type { ModelCardJson, PerformanceMetric } from "./cyclonedx-ml-normalizer.js";

function slice(m: ModelDetails["metrics"][number]): string | undefined {
  const parts = [m.dataset, m.split ? `split ${m.split}` : undefined, m.task ? `task ${m.task}` : undefined].filter((p): p is string => !!p);
  return parts.length > 0 ? parts.join(", ") : undefined;
}

function where(kind: string, quotes: readonly CardQuote[]): { name: string; value: string }[] {
  return quotes.map((q) => ({ name: `modelgate:card-section:${kind}`, value: `README.md line ${q.line}: ${q.heading}` }));
}

/**
 * The CycloneDX model card from what the card and config say, nothing added: task and architecture
 * as declared, metrics only when the card reports them (`model-index`), use cases, limitations and
 * ethical considerations quoted from the card's own sections (properties name the headings).
 */
export function modelCardOf(details: ModelDetails | undefined, datasetRefs: readonly string[]): ModelCardJson | undefined {
  const card: ModelCardJson = {};
  const params: NonNullable<ModelCardJson["modelParameters"]> = {};
  if (details?.task) params.task = details.task;
  if (details?.modelType) params.architectureFamily = details.modelType;
  if (details && details.architectures.length > 0) params.modelArchitecture = details.architectures.join(", ");
  if (datasetRefs.length > 0) params.datasets = datasetRefs.map((ref) => ({ ref }));
  if (Object.keys(params).length > 0) card.modelParameters = params;
  if (!details) return Object.keys(card).length > 0 ? card : undefined;

  const metrics: PerformanceMetric[] = details.metrics.map((m) => {
    const s = slice(m);
    return { type: m.name ?? m.type, value: m.value, ...(s ? { slice: s } : {}) };
  });
  if (metrics.length > 0) card.quantitativeAnalysis = { performanceMetrics: metrics };

  const c = details.considerations;
  const considerations: NonNullable<ModelCardJson["considerations"]> = {};
  if (c.intendedUse.length > 0) considerations.useCases = c.intendedUse.map((q) => q.text);
  if (c.limitations.length > 0) considerations.technicalLimitations = c.limitations.map((q) => q.text);
  if (c.ethics.length > 0) considerations.ethicalConsiderations = c.ethics.map((q) => ({ name: q.text }));
  if (Object.keys(considerations).length > 0) card.considerations = considerations;
  const properties = [...where("useCases", c.intendedUse), ...where("technicalLimitations", c.limitations), ...where("ethicalConsiderations", c.ethics)];
  if (properties.length > 0) card.properties = properties;
  return Object.keys(card).length > 0 ? card : undefined;
}
