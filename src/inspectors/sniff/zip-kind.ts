import type { Format } from "../../types/format.js";
import type { ZipEntry } from "../../io/zip.js";

/** `<prefix>/data.pkl` (torch.save, TorchScript) or `<prefix>/.data/version` (torch ≥ 1.6 writers). */
const TORCH_MARKERS = [/^[^/]+\/data\.pkl$/, /^[^/]+\/\.data\/version$/, /^[^/]+\/version$/];

/** Which zip-based model format a central-directory listing is. */
export function zipKind(entries: readonly ZipEntry[]): Format {
  const files = entries.filter((e) => !e.isDirectory);
  const names = new Set(files.map((e) => e.name));
  if (files.some((e) => TORCH_MARKERS[0]!.test(e.name) || TORCH_MARKERS[1]!.test(e.name))) return "pytorch-zip";
  if (names.has("config.json") && names.has("metadata.json")) return "keras";
  if (files.length > 0 && files.every((e) => e.name.endsWith(".npy"))) return "numpy-npz";
  // A torch zip whose data.pkl was renamed still has the version record and data/ folder.
  if (files.some((e) => TORCH_MARKERS[2]!.test(e.name)) && files.some((e) => /^[^/]+\/data\/\d+$/.test(e.name))) return "pytorch-zip";
  return "zip";
}
