import type { TargetDone } from "../src/scan-many.js";
import { gateLabel } from "../src/reporters/text.js";
import { plainText } from "../src/reporters/sanitize.js";
import type { CliIo } from "./io.js";

/**
 * A line per finished model on stderr (`[3/200] PASSED acme/model`), on a terminal outside CI
 * only, like the download bar: pipes and CI logs stay clean.
 */
export function createTargetProgress(io: CliIo): ((e: TargetDone) => void) | undefined {
  if (!io.stderr.isTTY || io.env["CI"]) return undefined;
  return (e) => {
    const width = String(e.total).length;
    const state = e.error ? "ERROR" : e.report ? gateLabel(e.report.verdict).toUpperCase() : "DONE";
    const counts = e.report ? Object.entries(e.report.verdict.counts).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`) : [];
    const detail = e.error ? e.error.message : counts.length > 0 ? counts.join(", ") : "no findings";
    io.stderr.write(`[${String(e.done).padStart(width)}/${e.total}] ${state.padEnd(10)} ${plainText(e.input)}: ${plainText(detail)}\n`);
  };
}
