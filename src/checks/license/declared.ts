import type { CheckContext } from "../../types/check.js";
import { classifyLicense, licenseTable, type LicenseAttribute, type LicenseClass, type LicenseTable } from "./license-list.js";

export interface Declared {
  /** As written in the card (`other (llama3)` when license_name names a known license). */
  label: string;
  cls: LicenseClass;
}

export function tableOf(ctx: CheckContext): LicenseTable {
  return licenseTable(ctx.list("licenses"));
}

/**
 * Classifies each `license:` entry. `other` with a `license_name` that is itself a known identifier
 * (`license_name: llama3`) is read as that license: the Hub allows only listed ids in `license`.
 */
export function declared(license: readonly string[], licenseName: string | undefined, table: LicenseTable): Declared[] {
  return license.map((value) => {
    const cls = classifyLicense(value, table);
    if (cls.kind === "hub" && cls.id === "other" && licenseName) {
      const named = classifyLicense(licenseName, table);
      if (named.kind !== "invalid" && !(named.kind === "hub" && (named.id === "other" || named.id === "unknown"))) return { label: `other (${licenseName})`, cls: named };
    }
    return { label: value, cls };
  });
}

/**
 * Attributes that hold whichever listed license applies (intersection: a list offers alternatives),
 * or undefined when any entry is custom, unknown or unparseable, so nothing can be concluded.
 */
export function effectiveAttributes(ds: readonly Declared[]): Set<LicenseAttribute> | undefined {
  if (ds.length === 0) return undefined;
  let acc: Set<LicenseAttribute> | undefined;
  for (const d of ds) {
    if (d.cls.kind === "invalid") return undefined;
    const attrs = d.cls.attributes;
    if (d.cls.kind === "hub" && (d.cls.id === "other" || d.cls.id === "unknown")) return undefined;
    acc = acc ? new Set([...acc].filter((a) => attrs.includes(a))) : new Set(attrs);
  }
  return acc;
}

/** Comparable keys of the declared licenses (Hub ids; SPDX leaves mapped to Hub ids where known). */
export function licenseKeys(ds: readonly Declared[], table: LicenseTable): Set<string> {
  const keys = new Set<string>();
  for (const d of ds) {
    if (d.cls.kind === "hub") keys.add(d.cls.id);
    else if (d.cls.kind === "spdx") {
      for (const leaf of d.cls.expression.split(/\s+(?:AND|OR|WITH)\s+|[()]/i)) {
        const id = leaf.trim().replace(/\+$/, "").toLowerCase();
        if (id) keys.add(table.bySpdx.get(id)?.id ?? table.bySpdx.get(`${id}-only`)?.id ?? id);
      }
    } else keys.add(d.cls.value.trim().toLowerCase());
  }
  return keys;
}

export function names(ds: readonly Declared[]): string {
  return ds.map((d) => d.label).join(", ");
}
