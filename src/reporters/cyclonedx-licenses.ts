import { Models, SPDX } from "@cyclonedx/cyclonedx-library";
import type { ScanReport } from "../types/report.js";

/**
 * CycloneDX licenses for a list of license values as written in a card: an SPDX id stays an id, an
 * SPDX expression an expression, and a value SPDX has no id for (Hub ids such as `llama3.1`,
 * `other`) is a named license, its name from the Hub's list or as written.
 */
export function licensesOf(written: readonly string[], report: ScanReport, named?: { name?: string | null; url?: string | null }): Models.License[] {
  const known = report.sections.modelDetails?.licenses ?? {};
  const out: Models.License[] = [];
  for (const value of written) {
    const lower = value.toLowerCase();
    // `license: other` with `license_name` names the real license; the name says more than "other".
    if (lower === "other" && named?.name) {
      const resolved = known[named.name.toLowerCase()];
      if (resolved?.spdx) out.push(spdxLicense(resolved.spdx));
      else out.push(new Models.NamedLicense(resolved?.name ?? named.name, named.url ? { url: named.url } : {}));
      continue;
    }
    const resolved = known[lower];
    if (resolved?.spdx) out.push(spdxLicense(resolved.spdx));
    else out.push(new Models.NamedLicense(resolved?.name ?? value));
  }
  return out;
}

/** `spdx` was already parsed as an SPDX expression when the report was built (summaries/model-details). */
function spdxLicense(spdx: string): Models.License {
  const id = SPDX.fixupSpdxId(spdx);
  if (id !== undefined) return new Models.SpdxLicense(id);
  return new Models.LicenseExpression(spdx);
}

/** A license list with an expression must hold only that expression (CycloneDX `licenses` is either). */
export function addLicenses(repo: Models.LicenseRepository, licenses: readonly Models.License[]): void {
  const expressions = licenses.filter((l): l is Models.LicenseExpression => l instanceof Models.LicenseExpression);
  if (expressions.length === 0) {
    for (const l of licenses) repo.add(l);
    return;
  }
  // Several values with an expression among them: the card offers them as alternatives.
  const parts = licenses.map((l) => (l instanceof Models.LicenseExpression ? `(${l.expression})` : l instanceof Models.SpdxLicense ? l.id : undefined));
  if (parts.every((p): p is string => p !== undefined)) {
    repo.add(new Models.LicenseExpression(parts.length === 1 ? (expressions[0]?.expression ?? "") : parts.join(" OR ")));
    return;
  }
  for (const l of licenses) if (!(l instanceof Models.LicenseExpression)) repo.add(l);
  for (const e of expressions) repo.add(new Models.NamedLicense(e.expression));
}
