import type { ScanReport } from "../types/report.js";

export function renderSarif(report: ScanReport): string {
  return JSON.stringify({ version: "2.1.0", runs: [{ tool: { driver: { name: "modelgate", version: report.tool.version } }, results: [] }] }, null, 2) + "\n";
}
