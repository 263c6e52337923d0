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
import type { OutputFormat } from "./formats.js";
import { renderReport } from "./render-report.js";
export { FORMATS_OUT, type OutputFormat } from "./formats.js";

/** Renders one report, or a many-target report (every format has both shapes; a reporter added here needs both). */
export function render(format: OutputFormat, report: ScanReport | MultiScanReport, options: { color?: boolean } = {}): string {
  if (format !== "cyclonedx") return renderReport(format, report, options);
  // One BOM; for a many-target report, one model component per scanned target.
  return isMultiReport(report) ? toCycloneDxJson(report.reports, report.generatedAt ? { timestamp: report.generatedAt } : {}) : renderCycloneDx(report);
}

export { renderCycloneDx, toCycloneDxJson, renderHtml, renderJson, renderMarkdown, renderSarif, renderText, renderMultiJson, renderMultiMarkdown, renderMultiSarif, renderMultiText };
