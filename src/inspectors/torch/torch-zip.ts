import type { ZipEntry } from "../../io/zip.js";
import { fact, type Fact } from "../../types/fact.js";
import type { Format } from "../../types/format.js";
import type { Inspector } from "../../types/inspector.js";
import { ARCHIVE_FAMILY, PICKLE_FAMILY } from "../archive/member-kind.js";
import { walkZip, type ZipWalkPolicy } from "../archive/zip-walk.js";
import "./facts.js";

/** Pickles PyTorch's own writers put in a checkpoint zip (data.pkl, TorchScript constants.pkl and code/*.debug_pkl). */
const EXPECTED_PICKLE = /\.pkl$|\.debug_pkl$/;
/** Tensor storages: `<prefix>/data/<key>` (raw bytes, read only for their first bytes). */
const STORAGE = /^[^/]+\/data\/[^/]+$/;
const TEXT_RECORDS = /^[^/]+\/(\.data\/)?(version|byteorder|serialization_id|\.format_version|\.storage_alignment)$/;

function prefixOf(entries: readonly ZipEntry[]): string | undefined {
  const pkl = entries.find((e) => /^[^/]+\/data\.pkl$/.test(e.name));
  return (pkl ?? entries[0])?.name.split("/")[0];
}

/**
 * PyTorch zip checkpoints: every member whose bytes are a pickle is handed to the pickle inspector,
 * whatever its name or folder (CVE-2025-1889: `torch.load(f, pickle_file="config.json")` unpickles
 * any member). Storages are probed, never read. A pickle outside the expected names is a fact.
 */
export const torchZipInspector: Inspector = {
  name: "torch-zip",
  accepts: (p) => p.format === "pytorch-zip",
  async *inspect(artifact, probe, ctx) {
    const pickles: string[] = [];
    let storages = 0;
    const policy: ZipWalkPolicy = {
      isBulkData: (e) => STORAGE.test(e.name),
      decide(entry, sniffed: Format) {
        const bulk = STORAGE.test(entry.name);
        if (bulk) storages++;
        if (PICKLE_FAMILY.has(sniffed) || (EXPECTED_PICKLE.test(entry.name) && !bulk)) {
          pickles.push(entry.name);
          const facts: Fact[] = [];
          if (!EXPECTED_PICKLE.test(entry.name)) {
            facts.push(fact("torch.unexpected-pickle", { entry: entry.name, reason: bulk ? "a tensor storage member holds a pickle" : "a pickle under a name PyTorch does not write pickles to" }, artifact.ref));
          }
          return { yield: true, declared: "pickle", facts };
        }
        if (ARCHIVE_FAMILY.has(sniffed)) return { yield: true };
        return { yield: false };
      },
    };
    const walk = walkZip(artifact, "pytorch-zip", policy, ctx, probe.depth);
    let step = await walk.next();
    while (!step.done) {
      yield step.value;
      step = await walk.next();
    }
    const zip = step.value;
    const files = zip.entries.filter((e) => !e.isDirectory);
    const versionEntry = files.find((e) => TEXT_RECORDS.test(e.name) && /\/version$/.test(e.name));
    let version: string | undefined;
    if (versionEntry && versionEntry.uncompressedSize <= 64) {
      try {
        version = new TextDecoder().decode(await zip.readHead(versionEntry, 64)).trim();
      } catch {
        version = undefined;
      }
    }
    const prefix = prefixOf(files);
    yield fact(
      "torch.checkpoint",
      {
        layout: "zip",
        ...(prefix !== undefined ? { prefix } : {}),
        pickleMembers: pickles,
        storages,
        torchscript: files.some((e) => /^[^/]+\/code\//.test(e.name)),
        ...(version ? { version } : {}),
      },
      artifact.ref,
    );
  },
};
