import type { Inspector, RepoInspector } from "../types/inspector.js";
import * as pickle from "./pickle/index.js";
import * as archive from "./archive/index.js";
import * as torch from "./torch/index.js";
import * as numpy from "./numpy/index.js";
import * as safetensors from "./safetensors/index.js";
import * as gguf from "./gguf/index.js";
import * as onnx from "./onnx/index.js";
import * as keras from "./keras/index.js";
import * as savedmodel from "./savedmodel/index.js";
import * as modelCard from "./model-card/index.js";
import * as config from "./config/index.js";
import * as pythonSource from "./python-source/index.js";
import * as chatTemplate from "./chat-template/index.js";
import * as dependencies from "./dependencies/index.js";
import * as secrets from "./secrets/index.js";
import * as skops from "./skops/index.js";
import * as blank from "./blank/index.js";
import * as signing from "./signing/index.js";

const families = [pickle, archive, torch, numpy, safetensors, gguf, onnx, keras, savedmodel, modelCard, config, pythonSource, chatTemplate, dependencies, secrets, skops, blank, signing];

/** Every inspector, in a fixed order. Each format folder exports its own lists from its index.ts. */
export const inspectors: readonly Inspector[] = families.flatMap((f) => f.inspectors);

/** Run once after every artifact was inspected (cross-file facts). */
export const repoInspectors: readonly RepoInspector[] = families.flatMap((f) => f.repoInspectors);
