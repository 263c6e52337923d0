import type { Finding } from "../../types/finding.js";
import type { LineageEntry } from "../../summaries/lineage.js";
import { esc } from "./escape.js";

const BOX_W = 280;
const BOX_H = 46;
const GAP_X = 70;
const GAP_Y = 16;
const PAD = 12;
/** Characters of a repo id / detail line shown in a box; the full text is in the node's tooltip and the tables. */
const MAX_LABEL = 38;
const MAX_SUB = 46;

type Tone = "root" | "ok" | "conflict" | "missing" | "unknown";

interface Node {
  id: string;
  label: string;
  sub: string;
  tone: Tone;
  col: number;
  row: number;
  dataset: boolean;
}

const TONES: Record<Tone, { fill: string; stroke: string; dash?: string }> = {
  root: { fill: "#ddf4ff", stroke: "#0969da" },
  ok: { fill: "#f6f8fa", stroke: "#59636e" },
  conflict: { fill: "#ffebe9", stroke: "#cf222e" },
  missing: { fill: "#ffebe9", stroke: "#cf222e", dash: "5 3" },
  unknown: { fill: "#fff8c5", stroke: "#9a6700", dash: "5 3" },
};

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Repos a license-conflict finding names (its first evidence line is "<what> <repo> declares license: …"). */
export function conflictingRepos(findings: readonly Finding[]): Set<string> {
  const out = new Set<string>();
  for (const f of findings) {
    if (f.ruleName !== "license-conflict") continue;
    for (const e of f.evidence) {
      const m = / (\S+) declares license:/.exec(e.text);
      if (m?.[1] && !e.text.startsWith("README.md")) out.add(m[1]);
    }
  }
  return out;
}

function licenseText(e: LineageEntry): string {
  const lic = e.license.length > 0 ? e.license.join(", ") : "license unknown";
  return e.licenseName ? `${lic} (${e.licenseName})` : lic;
}

function toneOf(e: LineageEntry, conflicts: ReadonlySet<string>): Tone {
  if (conflicts.has(e.repoId)) return "conflict";
  if (e.status === "found" || e.status === "gated") return e.license.length > 0 ? "ok" : "unknown";
  if (e.status === "not-found" || e.status === "cycle" || e.status === "invalid-id") return "missing";
  return "unknown";
}

/**
 * The lineage as a left-to-right graph: the scanned model, then base models by depth, with the
 * named datasets (dashed edges) below the direct base models. Pure layout arithmetic, no script: the drawing must
 * survive being opened from disk and printed.
 */
export function lineageSvg(root: { id: string; license: string }, entries: readonly LineageEntry[], findings: readonly Finding[]): string {
  const conflicts = conflictingRepos(findings);
  const nodes: Node[] = [{ id: root.id, label: clip(root.id, MAX_LABEL), sub: root.license, tone: "root", col: 0, row: 0, dataset: false }];
  const rows = new Map<number, number>();
  const place = (col: number): number => {
    const r = rows.get(col) ?? 0;
    rows.set(col, r + 1);
    return r;
  };
  const models = entries.filter((e) => e.kind === "model");
  const datasets = entries.filter((e) => e.kind === "dataset");
  for (const m of [...models].sort((a, b) => a.depth - b.depth)) {
    const col = Math.max(1, m.depth);
    nodes.push({ id: m.repoId, label: clip(m.repoId, MAX_LABEL), sub: `${m.relation ? `${m.relation} · ` : ""}${licenseText(m)} · ${m.status}`, tone: toneOf(m, conflicts), col, row: place(col), dataset: false });
  }
  // Datasets sit under the direct base models, so their edges from the root cross no other box.
  const dataCol = 1;
  for (const d of datasets) {
    nodes.push({ id: d.repoId, label: clip(d.repoId, MAX_LABEL), sub: `dataset · ${licenseText(d)} · ${d.status}`, tone: toneOf(d, conflicts), col: dataCol, row: place(dataCol), dataset: true });
  }
  const cols = Math.max(...nodes.map((n) => n.col)) + 1;
  const maxRows = Math.max(1, ...[...rows.values()]);
  const width = PAD * 2 + cols * BOX_W + (cols - 1) * GAP_X;
  const height = PAD * 2 + maxRows * BOX_H + (maxRows - 1) * GAP_Y;
  const x = (n: Node): number => PAD + n.col * (BOX_W + GAP_X);
  const y = (n: Node): number => PAD + n.row * (BOX_H + GAP_Y);
  const byId = new Map(nodes.filter((n) => !n.dataset).map((n) => [n.id, n] as const));
  const rootNode = nodes[0] as Node;

  const edges: string[] = [];
  const edge = (from: Node, to: Node, dashed: boolean, red: boolean): void => {
    const x1 = x(from) + BOX_W;
    const y1 = y(from) + BOX_H / 2;
    const x2 = x(to);
    const y2 = y(to) + BOX_H / 2;
    const mid = (x1 + x2) / 2;
    edges.push(
      `<path d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}" fill="none" stroke="${red ? "#cf222e" : "#8c959f"}" stroke-width="1.5"${dashed ? ' stroke-dasharray="4 3"' : ""} marker-end="url(#arrow)"/>`,
    );
  };
  for (const n of nodes.slice(1)) {
    const entry = entries.find((e) => e.repoId === n.id && (e.kind === "dataset") === n.dataset);
    const parent = !n.dataset && entry?.parent ? byId.get(entry.parent) : undefined;
    edge(parent && parent !== n ? parent : rootNode, n, n.dataset, n.tone === "conflict");
  }
  const boxes = nodes.map((n) => {
    const t = TONES[n.tone];
    return [
      `<g class="node" data-repo="${esc(n.id)}" data-tone="${n.tone}">`,
      `<title>${esc(n.id)} — ${esc(n.sub)}</title>`,
      `<rect x="${x(n)}" y="${y(n)}" width="${BOX_W}" height="${BOX_H}" rx="6" fill="${t.fill}" stroke="${t.stroke}" stroke-width="${n.tone === "conflict" ? 2.5 : 1.2}"${t.dash ? ` stroke-dasharray="${t.dash}"` : ""}/>`,
      `<text x="${x(n) + 8}" y="${y(n) + 18}" font-size="12" font-weight="600" fill="#1b1f24">${esc(n.label)}</text>`,
      `<text x="${x(n) + 8}" y="${y(n) + 35}" font-size="11" fill="${n.tone === "conflict" ? "#cf222e" : "#59636e"}">${esc(clip(n.sub, MAX_SUB))}</text>`,
      `</g>`,
    ].join("");
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Model lineage" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#8c959f"/></marker></defs>`,
    ...edges,
    ...boxes,
    `</svg>`,
  ].join("\n");
}
