import type { LineageEntry } from "../summaries/lineage.js";
import { plainText } from "./sanitize.js";

function describe(e: LineageEntry): string {
  const parts: string[] = [e.status];
  if (e.license.length > 0) parts.push(`license ${e.license.join(", ")}${e.licenseName ? ` (${e.licenseName})` : ""}`);
  if (e.gated) parts.push(`gated: ${e.gated}`);
  if (e.relation) parts.push(e.relation);
  if (e.hasCard === false) parts.push("no card");
  if (e.piiStatements && e.piiStatements.length > 0) parts.push(`${e.piiStatements.length} PII statement(s)`);
  if (e.detail) parts.push(e.detail);
  return plainText(parts.join("; "));
}

/**
 * The base-model lineage as an indented tree rooted at the scanned model, then the datasets. Entries
 * whose parent is unknown hang from the root, so nothing the JSON lists is lost here.
 */
export function lineageTree(root: string, entries: readonly LineageEntry[]): string[] {
  const models = entries.filter((e) => e.kind === "model");
  const datasets = entries.filter((e) => e.kind === "dataset");
  const children = new Map<string | null, LineageEntry[]>();
  const known = new Set(models.map((m) => m.repoId));
  for (const m of models) {
    const parent = m.parent !== null && known.has(m.parent) ? m.parent : null;
    children.set(parent, [...(children.get(parent) ?? []), m]);
  }
  const lines: string[] = [`  ${plainText(root)}`];
  const seen = new Set<LineageEntry>();
  const walk = (parent: string | null, indent: string): void => {
    const kids = children.get(parent) ?? [];
    kids.forEach((k, i) => {
      if (seen.has(k)) return;
      seen.add(k);
      const last = i === kids.length - 1;
      lines.push(`  ${indent}${last ? "└─" : "├─"} ${plainText(k.repoId)} (${describe(k)})`);
      // A cycle entry names a repo already shown; it is a leaf.
      if (k.status !== "cycle") walk(k.repoId, indent + (last ? "   " : "│  "));
    });
  };
  walk(null, "");
  if (datasets.length > 0) {
    lines.push("  datasets:");
    for (const d of datasets) lines.push(`    · ${plainText(d.repoId)} (${describe(d)})`);
  }
  return lines;
}
