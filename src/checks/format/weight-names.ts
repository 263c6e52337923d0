import { extensionOf } from "./extension-list.js";

/** Extensions of `rules/_lists/weight-names.yaml`, lowercase; malformed entries are dropped. */
export function weightExtensions(raw: unknown): Set<string> {
  const out = new Set<string>();
  const entries = typeof raw === "object" && raw !== null && "extensions" in raw ? (raw as { extensions: unknown }).extensions : undefined;
  if (!Array.isArray(entries)) return out;
  for (const e of entries as unknown[]) {
    if (typeof e === "object" && e !== null && typeof (e as { extension?: unknown }).extension === "string") out.add((e as { extension: string }).extension.toLowerCase());
  }
  return out;
}

/** The base name of a path or member name (`archive/model.bin` → `model.bin`). */
function baseName(name: string): string {
  const i = Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\"));
  return i < 0 ? name : name.slice(i + 1);
}

/** True when the name says the file holds model weights (by its last extension). */
export function namesWeights(name: string, extensions: ReadonlySet<string>): boolean {
  const ext = extensionOf(baseName(name));
  return ext !== undefined && extensions.has(ext);
}
