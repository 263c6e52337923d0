import type { Check } from "../types/check.js";
import { checks as general } from "./general/index.js";
import { checks as integrity } from "./integrity/index.js";
import { checks as source } from "./source/index.js";
import { checks as format } from "./format/index.js";
import { checks as pickle } from "./pickle/index.js";
import { checks as archive } from "./archive/index.js";
import { checks as torch } from "./torch/index.js";
import { checks as numpy } from "./numpy/index.js";
import { checks as safetensors } from "./safetensors/index.js";
import { checks as gguf } from "./gguf/index.js";
import { checks as onnx } from "./onnx/index.js";
import { checks as keras } from "./keras/index.js";
import { checks as savedmodel } from "./savedmodel/index.js";
import { checks as card } from "./card/index.js";
import { checks as license } from "./license/index.js";
import { checks as provenance } from "./provenance/index.js";
import { checks as remoteCode } from "./remote-code/index.js";
import { checks as advisory } from "./advisory/index.js";
import { checks as template } from "./template/index.js";
import { checks as secret } from "./secret/index.js";
import { checks as skops } from "./skops/index.js";
import { checks as discover } from "./discover/index.js";
import { checks as lock } from "./lock/index.js";
import { checks as diff } from "./diff/index.js";
import { checks as signing } from "./signing/index.js";

/** Every check, by family. Each family folder exports its own list from its index.ts. */
export const checks: readonly Check[] = [...general, ...integrity, ...source, ...format, ...pickle, ...archive, ...torch, ...numpy, ...safetensors, ...gguf, ...onnx, ...keras, ...savedmodel, ...card, ...license, ...provenance, ...remoteCode, ...advisory, ...template, ...secret, ...skops, ...discover, ...lock, ...diff, ...signing];
