import { ConfigError } from "../errors.js";
import { isMultiReport, type MultiScanReport } from "../types/multi-report.js";
import type { ScanReport } from "../types/report.js";
import { renderHtml } from "./html.js";
import { renderCycloneDx, toCycloneDxJson } from "./cyclonedx.js";
import { renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import { renderMultiJson } from "./multi-json.js";
import { renderMultiMarkdown } from "./multi-markdown.js";
import { renderMultiSarif } from "./multi-sarif.js";
import { renderMultiText } from "./multi-text.js";
import { renderSarif } from "./sarif.js";
import { renderText } from "./text.js";

export const FORMATS_OUT = ["text", "json", "sarif", "markdown", "html", "cyclonedx"] as const;
export type OutputFormat = (typeof FORMATS_OUT)[number];

/** Renders one report, or a many-target report (every format has both shapes; a reporter added here needs both). */
export function render(format: OutputFormat, report: ScanReport | MultiScanReport, options: { color?: boolean } = {}): string {
  if (isMultiReport(report)) {
    switch (format) {
      case "json":
        return renderMultiJson(report);
      case "sarif":
        return renderMultiSarif(report);
      case "markdown":
        return renderMultiMarkdown(report);
      case "text":
        return renderMultiText(report, { color: options.color ?? false });
      case "cyclonedx":
        // One BOM, one model component per scanned target.
        return toCycloneDxJson(report.reports, report.generatedAt ? { timestamp: report.generatedAt } : {});
      case "html":
        // The HTML page is one model's assessment; many models go to Markdown, JSON or SARIF.
        throw new ConfigError("--format html covers one model; for several targets use markdown, json or sarif");
    }
  }
  switch (format) {
    case "json":
      return renderJson(report);
    case "sarif":
      return renderSarif(report);
    case "markdown":
      return renderMarkdown(report);
    case "html":
      return renderHtml(report);
    case "cyclonedx":
      return renderCycloneDx(report);
    case "text":
      return renderText(report, { color: options.color ?? false });
  }
}

export { renderCycloneDx, toCycloneDxJson, renderHtml, renderJson, renderMarkdown, renderSarif, renderText, renderMultiJson, renderMultiMarkdown, renderMultiSarif, renderMultiText };
