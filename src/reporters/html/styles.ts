/**
 * The whole style sheet, inlined: the report is one file that must look the same opened from disk,
 * attached to a ticket or printed to PDF, with no fonts or styles fetched from anywhere.
 */
export const HTML_STYLES = `
:root { --fg:#1b1f24; --muted:#59636e; --line:#d1d9e0; --bg-soft:#f6f8fa;
  --pass:#1a7f37; --fail:#cf222e; --review:#9a6700; --na:#59636e; --crit:#8b0000; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--fg);
  margin: 0 auto; padding: 24px; max-width: 1200px; overflow-wrap: break-word; }
h1 { font-size: 22px; margin: 0 0 8px; overflow-wrap: anywhere; }
h2 { font-size: 18px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 6px; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; table-layout: auto; }
th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
/* Short cells (numbers, statuses, dates) keep their words whole; long text cells wrap anywhere. */
th, td.nowrap { white-space: nowrap; }
th { background: var(--bg-soft); }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; word-break: break-all; }
pre { background: var(--bg-soft); padding: 8px; white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-all; max-height: 24em; overflow: auto; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0 16px; }
.meta dt { color: var(--muted); }
.meta dd { margin: 0; overflow-wrap: anywhere; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-weight: 600; font-size: 12px; color: #fff; white-space: nowrap; }
.s-pass { background: var(--pass); } .s-fail { background: var(--fail); } .s-review { background: var(--review); }
.s-not-applicable, .s-not-checked { background: var(--na); }
.v-passed { background: var(--pass); } .v-failed { background: var(--fail); } .v-incomplete { background: var(--review); }
.sev-critical { background: var(--crit); } .sev-high { background: var(--fail); } .sev-medium { background: var(--review); }
.sev-low { background: #0969da; } .sev-info { background: var(--na); }
.muted { color: var(--muted); }
ul.evidence { margin: 4px 0 8px; padding-left: 20px; }
.lineage svg { max-width: 100%; height: auto; border: 1px solid var(--line); background: #fff; }
.score { font-size: 18px; font-weight: 700; }
@media print { body { padding: 0; max-width: none; } h2 { break-after: avoid; } tr, .finding { break-inside: avoid; } pre { max-height: none; } }
`;
