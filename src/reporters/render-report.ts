import { ConfigError } from "../errors.js";
import { isMultiReport, type MultiScanReport } from "../types/multi-report.js";
import type { ScanReport } from "../types/report.js";
import type { OutputFormat } from "./formats.js";
import { renderHtml } from "./html.js";
import { renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import { renderMultiJson } from "./multi-json.js";
import { renderMultiMarkdown } from "./multi-markdown.js";
import { renderMultiSarif } from "./multi-sarif.js";
import { renderMultiText } from "./multi-text.js";
import { renderSarif } from "./sarif.js";
import { renderText } from "./text.js";

/**
 * Every format but CycloneDX (`render` in index.ts adds it). Kept apart so the CLI loads the
 * CycloneDX library, whose own start-up costs about as much as the rest of a small scan, only
 * when a BOM is asked for.
 */
export function renderReport(format: Exclude<OutputFormat, "cyclonedx">, report: ScanReport | MultiScanReport, options: { color?: boolean } = {}): string {
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
    case "text":
      return renderText(report, { color: options.color ?? false });
  }
}
