import { LimitExceededError, ParseError } from "../../errors.js";
import { openZipCached } from "../../io/zip-cache.js";
import { fact } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import "./facts.js";
import { PICKLE_FAMILY } from "./member-kind.js";

/**
 * A pickle that is also a zip: torch.load and pickle read the front, zipfile-based scanners read the
 * central directory at the back (older picklescan chose the zip branch through `zipfile.is_zipfile`).
 * One tail read per pickle file; the pickle itself is walked by the pickle inspector as usual.
 */
export const polyglotInspector: Inspector = {
  name: "pickle-zip-polyglot",
  accepts: (p) => PICKLE_FAMILY.has(p.format) && p.size >= 22,
  async *inspect(artifact, probe, ctx) {
    let members: number;
    try {
      members = (await openZipCached(artifact.source, ctx.signal)).entries.length;
    } catch (e) {
      if (e instanceof ParseError || e instanceof LimitExceededError) return;
      throw e;
    }
    // An end record with no members can occur by chance in pickled bytes; a listing cannot.
    if (members === 0) return;
    yield fact(
      "archive.anomaly",
      { container: probe.format, kind: "polyglot", message: `the ${probe.format} is also a zip archive with ${members} member(s): zip-based tools see different content than pickle loaders` },
      artifact.ref,
    );
  },
};
