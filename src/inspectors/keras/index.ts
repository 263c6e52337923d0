import type { Inspector, RepoInspector } from "../../types/inspector.js";
import { kerasArchiveInspector } from "./keras-archive.js";
import { kerasConfigInspector } from "./keras-config.js";
import { kerasH5Inspector } from "./keras-h5.js";
import { kerasMetadataPbInspector } from "./keras-metadata-pb.js";

export const inspectors: readonly Inspector[] = [kerasArchiveInspector, kerasConfigInspector, kerasH5Inspector, kerasMetadataPbInspector];
export const repoInspectors: readonly RepoInspector[] = [];
