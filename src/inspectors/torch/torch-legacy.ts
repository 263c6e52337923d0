import { fact } from "../../types/fact.js";
import type { Inspector } from "../../types/inspector.js";
import "./facts.js";

/**
 * The legacy format (torch.save with `_use_new_zipfile_serialization=False`): magic number, protocol
 * version and sys_info pickles, the object pickle, then raw storages. The sniffer classifies it; the
 * pickle inspector walks every stacked pickle. This only records the layout.
 */
export const torchLegacyInspector: Inspector = {
  name: "torch-legacy",
  accepts: (p) => p.format === "pytorch-legacy",
  // eslint-disable-next-line require-yield
  async *inspect(artifact) {
    yield fact("torch.checkpoint", { layout: "legacy", pickleMembers: [], storages: 0, torchscript: false }, artifact.ref);
  },
};
