import type { Format } from "../types/format.js";

declare module "../types/fact.js" {
  interface FactTypes {
    /**
     * A binary file's format between two revisions: the same path sniffed as another format
     * ("same-path"), or a file added in B with the binary files B removed beside it ("added").
     */
    "diff.format-changed": { kind: "same-path" | "added"; path: string; formatA: Format | null; formatB: Format; removed: { path: string; format: Format }[] };
    /** Remote code that appeared or changed: a Python file, or an `auto_map` entry of a config. */
    "diff.remote-code-changed": { what: "python-file" | "auto_map"; path: string; change: "added" | "removed" | "changed"; detail: string };
    /** A chat template that appeared, went or changed; `diff` is a unified diff of the template text. */
    "diff.chat-template-changed": { source: string; name: string; change: "added" | "removed" | "changed"; diff?: string };
    /** A model-card field that changed: license, base_model, datasets, gating terms or the list of sections. */
    "diff.card-changed": { field: "license" | "base_model" | "datasets" | "gating" | "sections"; before: string; after: string };
  }
}
