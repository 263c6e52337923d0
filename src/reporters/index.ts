import type { ScanReport } from "../types/report.js";
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import { renderSarif } from "./sarif.js";
import { renderText } from "./text.js";

export const FORMATS_OUT = ["text", "json", "sarif", "markdown", "html"] as const;
export type OutputFormat = (typeof FORMATS_OUT)[number];

export function render(format: OutputFormat, report: ScanReport, options: { color?: boolean } = {}): string {
  switch (format) {
    case "json":
      return renderJson(report);
    case "sarif":
      return renderSarif(report);
    case "markdown":
      return renderMarkdown(report);
    case "html":
      return renderHtml(report);
    case "text":
      return renderText(report, { color: options.color ?? false });
  }
}

export { renderHtml, renderJson, renderMarkdown, renderSarif, renderText };
