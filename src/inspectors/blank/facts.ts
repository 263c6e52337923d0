declare module "../../types/fact.js" {
  interface FactTypes {
    /**
     * An artifact with no content: 0 bytes, or one byte value repeated wherever it was sampled
     * (start, middle, end). A name that promises weights on such bytes is a finding.
     */
    "artifact.blank": { name: string; size: number; byte?: number };
  }
}
export {};
