import { ParseError } from "../errors.js";
import { extractPython, type PythonContext } from "./extract-python.js";
import { extractShell } from "./extract-shell.js";
import type { Hit } from "./types.js";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Hub references in a Jupyter notebook's code cells: each cell is read as Python (`!` and `%`
 * shell lines as shell commands), and each hit is placed on the notebook file's line that holds
 * that source line (notebooks store one source line per JSON string), quoting the cell's own text.
 */
export function extractNotebook(text: string, ctx: PythonContext): Hit[] {
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch (e) {
    throw new ParseError(`not a valid notebook (JSON): ${(e as Error).message}`);
  }
  const cells = isRecord(nb) && Array.isArray(nb["cells"]) ? nb["cells"] : [];
  const hits: Hit[] = [];
  let cursor = 0;
  let cursorLine = 1;
  /** File line of the next occurrence of this JSON-encoded source line, moving forward only. */
  const fileLine = (sourceLine: string): number => {
    const encoded = JSON.stringify(sourceLine);
    const at = text.indexOf(encoded, cursor);
    if (at < 0) return cursorLine;
    for (let k = cursor; k < at; k++) if (text.charCodeAt(k) === 10) cursorLine++;
    cursor = at + encoded.length;
    return cursorLine;
  };
  for (const cell of cells) {
    if (!isRecord(cell) || cell["cell_type"] !== "code") continue;
    const src = cell["source"];
    const parts = Array.isArray(src) ? src.filter((s): s is string => typeof s === "string") : typeof src === "string" ? src.split(/(?<=\n)/) : [];
    const lineMap = parts.map(fileLine);
    const code = parts.map((p) => (/^\s*[!%]/.test(p) ? `\n` : p.endsWith("\n") ? p : `${p}\n`)).join("");
    const shell = parts.map((p) => (/^\s*[!%]/.test(p) ? p.replace(/^\s*[!%]+/, "").replace(/\n?$/, "\n") : "\n")).join("");
    const cellLines = code.split("\n");
    const shellLines = shell.split("\n");
    const place = (h: Hit, own: readonly string[]): Hit => ({ ...h, line: lineMap[h.line - 1] ?? cursorLine, snippet: own[h.line - 1] ?? "" });
    hits.push(...extractPython(code, ctx).map((h) => place(h, cellLines)));
    if (shell.trim() !== "") hits.push(...extractShell(shell, "shell", ctx).map((h) => place(h, shellLines)));
  }
  return hits;
}
