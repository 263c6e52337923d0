/** One entry of a `rules/_lists` file: string fields only, `reason` required. */
export type ListEntry = Readonly<Record<string, string>> & { readonly reason: string };

/**
 * Reads `{ entries: [...] }` from a rule list, keeping entries that carry every `required` string
 * field and a reason. A malformed list is a configuration bug: it throws, and the engine records the
 * check as failed (the scan becomes incomplete rather than silently permissive).
 */
export function listEntries(raw: unknown, name: string, required: readonly string[]): ListEntry[] {
  const entries = typeof raw === "object" && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>)["entries"] : undefined;
  if (!Array.isArray(entries)) throw new Error(`rule list "${name}" has no entries: list`);
  return entries.map((e: unknown, i) => {
    if (typeof e !== "object" || e === null) throw new Error(`rule list "${name}" entry ${i + 1} is not a mapping`);
    const rec = e as Record<string, unknown>;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(rec)) if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") out[k] = String(v);
    for (const k of [...required, "reason"]) if (typeof out[k] !== "string") throw new Error(`rule list "${name}" entry ${i + 1} lacks "${k}"`);
    return out as ListEntry;
  });
}
