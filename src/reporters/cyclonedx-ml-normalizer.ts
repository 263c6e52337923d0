import { Models, Serialize } from "@cyclonedx/cyclonedx-library";

type NormalizedComponent = Serialize.JSON.Types.Normalized.Component;
type NormalizerOptions = Serialize.Types.NormalizerOptions;

/** CycloneDX 1.6 `performanceMetric`. */
export interface PerformanceMetric {
  type: string;
  value: string;
  slice?: string;
}

/** CycloneDX 1.6 `risk` (an ethical consideration). */
export interface Risk {
  name: string;
  mitigationStrategy?: string;
}

/** CycloneDX 1.6 `modelCard`, the parts modelgate fills. */
export interface ModelCardJson {
  modelParameters?: {
    task?: string;
    architectureFamily?: string;
    modelArchitecture?: string;
    datasets?: { ref: string }[];
  };
  quantitativeAnalysis?: { performanceMetrics: PerformanceMetric[] };
  considerations?: {
    useCases?: string[];
    technicalLimitations?: string[];
    ethicalConsiderations?: Risk[];
  };
  properties?: { name: string; value: string }[];
}

/** What a component carries beyond the library's Component model. */
export interface MlExtras {
  modelCard?: ModelCardJson;
  /** Base models, as components (normalised by the library like any other component). */
  ancestors?: Models.Component[];
}

/**
 * The library (10.x) models components, hashes, licenses and vulnerabilities but has no model for
 * `modelCard` or `pedigree`. Rather than post-editing its JSON, this normaliser is plugged in
 * through the library's own normaliser factory: every field still comes from the library, and the
 * two missing ones are added to the component they belong to (ancestors normalised as components).
 */
class MlComponentNormalizer extends Serialize.JSON.Normalize.ComponentNormalizer {
  constructor(
    factory: Serialize.JSON.Normalize.Factory,
    private readonly extras: WeakMap<Models.Component, MlExtras>,
  ) {
    super(factory);
  }

  override normalize(data: Models.Component, options: NormalizerOptions): NormalizedComponent | undefined {
    const base = super.normalize(data, options);
    const extra = this.extras.get(data);
    if (!base || !extra) return base;
    const ancestors = (extra.ancestors ?? []).map((a) => this.normalize(a, options)).filter((a): a is NormalizedComponent => a !== undefined);
    return {
      ...base,
      ...(ancestors.length > 0 ? { pedigree: { ancestors } } : {}),
      ...(extra.modelCard ? { modelCard: extra.modelCard } : {}),
    } as NormalizedComponent;
  }
}

export class MlNormalizerFactory extends Serialize.JSON.Normalize.Factory {
  readonly extras = new WeakMap<Models.Component, MlExtras>();

  override makeForComponent(): Serialize.JSON.Normalize.ComponentNormalizer {
    return new MlComponentNormalizer(this, this.extras);
  }
}
