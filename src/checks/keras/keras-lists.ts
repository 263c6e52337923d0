import { listEntries, type ListEntry } from "../onnx/list-entries.js";

/** True when `name` equals `prefix` or continues it with a dot (`os` matches `os.system`, not `osmosis`). */
export function dottedPrefix(name: string, prefix: string): boolean {
  return name === prefix || name.startsWith(`${prefix}.`);
}

export function dangerousReference(ref: string, list: (name: string) => unknown): ListEntry | undefined {
  return listEntries(list("keras-dangerous-references"), "keras-dangerous-references", ["ref"]).find((e) => dottedPrefix(ref, e["ref"] ?? ""));
}

export function safeModule(module: string, list: (name: string) => unknown): boolean {
  return listEntries(list("keras-safe-modules"), "keras-safe-modules", ["module"]).some((e) => dottedPrefix(module, e["module"] ?? ""));
}

export function whereText(layer: string | undefined): string {
  return layer ? ` (layer "${layer}")` : "";
}
