import { isJsonObject, type JsonObject, type JsonValue } from "../safetensors/strict-json.js";
import type { KerasLambda, KerasReference, KerasSource } from "./facts.js";
import { codeExcerpt, decodeBase64 } from "./marshal-excerpt.js";

/** Layer classes that carry or name a Python function for the loader to call (ModelAudit's list). */
const LAMBDA_CLASSES = new Set(["Lambda", "CallbackLambda", "PyFunc"]);

export interface KerasConfigAnalysis {
  className?: string;
  layerCount: number;
  lambdas: KerasLambda[];
  references: KerasReference[];
}

function str(o: JsonObject, key: string): string | undefined {
  const v = o.get(key);
  return typeof v === "string" ? v : undefined;
}

function part(key: string | number): string {
  return String(key).replace(/~/g, "~0").replace(/\//g, "~1");
}

/**
 * Finds, in a Keras model config (Keras 3 `config.json`, Keras 2 `model_config`, Keras SavedModel
 * metadata), every Lambda-like layer with its embedded bytecode or function reference, and every
 * class or function the loader would import by name (`module` + `class_name`, the CVE-2025-1550
 * surface). Pure: walks the parsed JSON, never evaluates anything.
 */
export function analyseKerasConfig(root: JsonValue, source: KerasSource): KerasConfigAnalysis {
  const out: KerasConfigAnalysis = { layerCount: 0, lambdas: [], references: [] };
  const refs = new Map<string, KerasReference>();
  if (isJsonObject(root)) {
    const cls = str(root, "class_name");
    if (cls !== undefined) out.className = cls;
  }

  const addRef = (r: Omit<KerasReference, "count" | "source">): void => {
    const seen = refs.get(r.ref);
    if (seen) seen.count++;
    else refs.set(r.ref, { ...r, source, count: 1 });
  };

  const lambdaOf = (cls: string, cfg: JsonObject, layer: string, pointer: string): void => {
    const base: KerasLambda = { layer, className: cls, pointer, source };
    const fn = cfg.get("function");
    const type = str(cfg, "function_type");
    const found: KerasLambda[] = [];
    // Keras 2: "function": [base64 marshal, defaults, closure] with function_type "lambda".
    if (Array.isArray(fn) && typeof fn[0] === "string") {
      const code = decodeBase64(fn[0]);
      found.push(code ? { ...base, code: codeExcerpt(code) } : base);
    } else if (typeof fn === "string") {
      const code = type === "lambda" ? decodeBase64(fn) : undefined;
      const module = str(cfg, "module");
      if (code) found.push({ ...base, code: codeExcerpt(code) });
      else {
        const ref = module ? `${module}.${fn}` : fn;
        found.push({ ...base, functionRef: ref });
        if (module) addRef({ ref, module, name: fn, kind: "function", layer, pointer: `${pointer}/config/function` });
      }
    } else if (isJsonObject(fn)) {
      // Keras 3: {"class_name": "__lambda__", "config": {"code": base64, ...}} or a function reference.
      const fcls = str(fn, "class_name");
      const fcfg = fn.get("config");
      if (fcls === "__lambda__" && isJsonObject(fcfg) && typeof fcfg.get("code") === "string") {
        const code = decodeBase64(fcfg.get("code") as string);
        found.push(code ? { ...base, code: codeExcerpt(code) } : base);
      } else if (fcls === "function" && typeof fcfg === "string") {
        const module = str(fn, "module");
        found.push({ ...base, functionRef: module ? `${module}.${fcfg}` : fcfg });
      } else found.push(base);
    } else found.push(base);
    // Keras 2 also marshals `output_shape` when it is a lambda; it runs on load just the same.
    const shape = cfg.get("output_shape");
    if (str(cfg, "output_shape_type") === "lambda" && Array.isArray(shape) && typeof shape[0] === "string") {
      const code = decodeBase64(shape[0]);
      if (code) found.push({ ...base, layer: `${layer} (output_shape)`, code: codeExcerpt(code) });
    }
    out.lambdas.push(...found);
  };

  const walk = (v: JsonValue, pointer: string, layer: string | undefined, inLayers: boolean): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${pointer}/${i}`, layer, inLayers));
      return;
    }
    if (!isJsonObject(v)) return;
    const cls = str(v, "class_name");
    const cfg = v.get("config");
    let here = layer;
    if (cls !== undefined) {
      const name = isJsonObject(cfg) ? str(cfg, "name") : undefined;
      if (inLayers) {
        out.layerCount++;
        here = name ?? str(v, "name") ?? cls;
      }
      const module = str(v, "module");
      const registered = str(v, "registered_name");
      if (cls === "function" && typeof cfg === "string") {
        addRef({ ref: module ? `${module}.${cfg}` : cfg, module: module ?? "", name: cfg, kind: "function", ...(registered ? { registeredName: registered } : {}), ...(here ? { layer: here } : {}), pointer });
      } else if (module !== undefined && !cls.startsWith("__")) {
        addRef({ ref: `${module}.${cls}`, module, name: cls, kind: "class", ...(registered ? { registeredName: registered } : {}), ...(here ? { layer: here } : {}), pointer });
      } else if (module === undefined && registered !== undefined && registered !== cls && registered.includes(">")) {
        // Keras 3 custom object registered as "package>Name" without a module: needs user code.
        addRef({ ref: registered, module: "", name: cls, kind: "class", registeredName: registered, ...(here ? { layer: here } : {}), pointer });
      }
      if (LAMBDA_CLASSES.has(cls) && isJsonObject(cfg)) lambdaOf(cls, cfg, here ?? name ?? cls, pointer);
      // tf.keras TFOpLambda names a TensorFlow symbol ("math.add", "io.write_file") to call.
      if (cls === "TFOpLambda" && isJsonObject(cfg) && typeof cfg.get("function") === "string") {
        const fn = cfg.get("function") as string;
        addRef({ ref: `tensorflow.${fn}`, module: "tensorflow", name: fn, kind: "function", ...(here ? { layer: here } : {}), pointer: `${pointer}/config/function` });
      }
    }
    for (const [k, x] of v) walk(x, `${pointer}/${part(k)}`, here, k === "layers");
  };

  walk(root, "", undefined, false);
  out.references = [...refs.values()];
  return out;
}
