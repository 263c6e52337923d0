import { createHash } from "node:crypto";

/**
 * JSON with object keys sorted at every level: the same value always gives the same text, so a
 * digest over it does not depend on the order an editor or another tool wrote the keys in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** `sha256:<hex>` of the canonical JSON of `value` without the key `omit`. */
export function digestOf(value: Record<string, unknown>, omit: string): string {
  const rest = Object.fromEntries(Object.entries(value).filter(([k]) => k !== omit));
  return `sha256:${createHash("sha256").update(canonicalJson(rest)).digest("hex")}`;
}
