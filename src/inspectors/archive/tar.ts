import { SliceByteSource } from "../../io/byte-source.js";
import { readTarListing } from "../../io/tar.js";
import { MAX_NESTING_DEPTH, MAX_TEXT_FILE_BYTES } from "../../limits.js";
import { fact } from "../../types/fact.js";
import type { ChildArtifact, Inspector } from "../../types/inspector.js";
import "../torch/facts.js";
import "./facts.js";
import { ARCHIVE_FAMILY, MEMBER_SNIFF_BYTES, memberFormat, memberMayBePickle } from "./member-kind.js";
import { memberArtifact } from "./member-ref.js";
import { nestedRefusedFact, tooDeepFact } from "./zip-walk.js";

/** Members torch 0.1.x wrote into its tar checkpoints, each a pickle stream (B13: peers never read them). */
const TORCH_TAR_MEMBERS = new Set(["sys_info", "pickle", "storages", "tensors"]);

/**
 * Tar archives (including PyTorch's old tar checkpoint format): members are listed from their
 * headers and handed on as byte windows of the archive; nothing is extracted, names stay strings.
 */
export const tarInspector: Inspector = {
  name: "tar",
  accepts: (p) => p.format === "tar",
  async *inspect(artifact, probe, ctx) {
    const { entries, error } = await readTarListing(artifact.source, ctx.signal);
    const files = entries.filter((e) => e.type === "0" || e.type === "7");
    const torch = files.some((e) => e.name === "pickle") && files.filter((e) => TORCH_TAR_MEMBERS.has(e.name)).length >= 2;
    const inspected: string[] = [];
    const pickles: string[] = [];
    let skipped = 0;
    let nestedRefused = 0;
    let tooDeep = 0;
    for (const e of files) {
      const source = new SliceByteSource(artifact.source, e.dataOffset, e.size);
      const head = await source.read(0, MEMBER_SNIFF_BYTES, ctx.signal);
      const format = memberFormat(head, e.size, false);
      const declared = torch && TORCH_TAR_MEMBERS.has(e.name) ? "pickle" : undefined;
      const unsettled = memberMayBePickle(head, e.size, false);
      if (!declared && !unsettled && (format === "unknown" || ((format === "text" || format === "json") && e.size > MAX_TEXT_FILE_BYTES))) {
        skipped++;
        continue;
      }
      if (declared) pickles.push(e.name);
      if (ARCHIVE_FAMILY.has(format)) {
        yield fact("archive.nested", { container: "tar", entry: e.name, format }, artifact.ref);
        if (ctx.inflation && ctx.inflation.nestedLeft <= 0) {
          nestedRefused++;
          continue;
        }
      }
      if (probe.depth + 1 > MAX_NESTING_DEPTH) {
        tooDeep++;
        continue;
      }
      inspected.push(e.name);
      const child: ChildArtifact = { child: memberArtifact(artifact.ref, e.name, source) };
      if (declared) child.declared = declared;
      yield child;
    }
    yield fact("archive.listing", { container: "tar", members: entries.length, inspected, skipped }, artifact.ref);
    if (nestedRefused > 0) yield nestedRefusedFact(artifact, nestedRefused, ctx);
    if (tooDeep > 0) yield tooDeepFact(artifact, tooDeep);
    if (torch) yield fact("torch.checkpoint", { layout: "tar", pickleMembers: pickles, storages: 0, torchscript: false }, artifact.ref);
    // Members before the break were handed on above; the break itself leaves the archive not fully checked.
    if (error) throw error;
  },
};
