import { identifyLicenseText, licenseTable } from "../../checks/license/license-list.js";
import { fact } from "../../types/fact.js";
import type { ArtifactRef } from "../../types/artifact.js";
import type { Inspector } from "../../types/inspector.js";
import type { LicenseFileInfo } from "./facts.js";
import { decodeText } from "./text-lines.js";

/** License texts name themselves in their first lines; 64 KiB is plenty and bounds the regex work. */
const LICENSE_READ_BYTES = 64 * 1024;

/** LICENSE, LICENSE.md, LICENSE.txt, LICENCE, COPYING, LICENSE-MODEL... at the repo root. */
export function isLicensePath(ref: ArtifactRef): boolean {
  return !ref.parent && /^(licen[sc]e|copying)([-_.][\w.-]*)?$/i.test(ref.path) && !/\.(py|js|ts|sh|json|ya?ml)$/i.test(ref.path);
}

/** Recognises which license a LICENSE file holds, so the checks can compare it with the card. */
export const licenseFileInspector: Inspector = {
  name: "license-file",
  accepts: (probe) => probe.depth === 0 && isLicensePath(probe.ref) && (probe.format === "text" || probe.format === "json" || probe.format === "unknown"),
  async *inspect(artifact, _probe, ctx) {
    const bytes = await artifact.source.read(0, Math.min(artifact.source.size, LICENSE_READ_BYTES), ctx.signal);
    const text = decodeText(bytes);
    const info: LicenseFileInfo = { bytes: artifact.source.size };
    const title = text
      .split(/\r\n|\n|\r/)
      .map((l) => l.trim())
      .find((l) => l !== "");
    if (title) info.title = title.slice(0, 120);
    const entry = identifyLicenseText(text, licenseTable(ctx.list("licenses")));
    if (entry) info.identified = entry.id;
    yield fact("license.file", info, artifact.ref);
  },
};
