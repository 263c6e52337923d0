import { plainText } from "../sanitize.js";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/**
 * Text for an HTML element or a quoted attribute. Every repository-supplied string goes through
 * here: markup characters become entities (so `<script>` or `" onload=` stay text), and control
 * and bidi characters become visible `\xNN` escapes first (Trojan Source, CVE-2021-42574), since a
 * reader of the printed report cannot see them.
 */
export function esc(text: string): string {
  return plainText(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Multi-line text (a quoted snippet, a template diff): lines kept, each line made inert. */
export function escLines(text: string): string {
  return text
    .split(/\r\n|\n|\r/)
    .map((l) => esc(l))
    .join("\n");
}
