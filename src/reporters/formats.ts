export const FORMATS_OUT = ["text", "json", "sarif", "markdown", "html", "cyclonedx"] as const;
export type OutputFormat = (typeof FORMATS_OUT)[number];
