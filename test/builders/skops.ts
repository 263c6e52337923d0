import { buildZip } from "./zip-builder.js";

/**
 * skops-shaped archives (skops.io is not installable here): schema.json as skops 0.9 writes it
 * (protocol 2 node trees: ObjectNode/DictNode/JsonNode/NumpyArrayNode) plus the .npy members.
 */
export type SkopsNode = Record<string, unknown>;

const json = (cls: string, value: unknown): SkopsNode => ({ __class__: cls, __module__: "builtins", __loader__: "JsonNode", content: JSON.stringify(value), is_json: true });

/** A minimal valid .npy (float64, shape (n,)). */
export function npy(values: number[]): Uint8Array {
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': (${values.length},), }`;
  header += " ".repeat(63 - ((10 + header.length) % 64)) + "\n";
  const out = new Uint8Array(10 + header.length + 8 * values.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  const dv = new DataView(out.buffer, 10 + header.length);
  values.forEach((v, i) => dv.setFloat64(i * 8, v, true));
  return out;
}

const array = (file: string): SkopsNode => ({ __class__: "ndarray", __module__: "numpy", __loader__: "NumpyArrayNode", type: "numpy", file });

function dict(entries: Record<string, SkopsNode>): SkopsNode {
  return {
    __class__: "dict",
    __module__: "builtins",
    __loader__: "DictNode",
    content: entries,
    key_types: { __class__: "list", __module__: "builtins", __loader__: "ListNode", content: Object.keys(entries).map((k) => json("str", k)) },
  };
}

/** The schema of a fitted sklearn LogisticRegression as skops.io.dumps writes it. */
export function logisticRegressionSchema(extra: Record<string, SkopsNode> = {}): SkopsNode {
  return {
    __class__: "LogisticRegression",
    __module__: "sklearn.linear_model._logistic",
    __loader__: "ObjectNode",
    content: dict({
      penalty: json("str", "l2"),
      C: json("float", 1.0),
      max_iter: json("int", 100),
      classes_: array("classes.npy"),
      coef_: array("coef.npy"),
      intercept_: array("intercept.npy"),
      n_features_in_: json("int", 2),
      _sklearn_version: json("str", "1.2.2"),
      ...extra,
    }),
    protocol: 2,
    _skops_version: "0.9.0",
  };
}

/** `operator.call(builtins.exec, "...")` hidden in an estimator attribute, the CVE-2025-54412 shape. */
export function maliciousSchema(): SkopsNode {
  const exec: SkopsNode = { __class__: "builtin_function_or_method", __module__: "builtins", __loader__: "FunctionNode", content: { module_path: "builtins", function: "exec" } };
  const payload: SkopsNode = {
    // Claims a scikit-learn type; skops < 0.12 built getattr(operator, "call") regardless.
    __class__: "call",
    __module__: "sklearn.utils._tags",
    __loader__: "OperatorFuncNode",
    attrs: { __class__: "tuple", __module__: "builtins", __loader__: "TupleNode", content: [exec, json("str", "print('pwned')")] },
  };
  return logisticRegressionSchema({ verbose: payload });
}

export function buildSkops(schema: SkopsNode | string, arrays: Record<string, Uint8Array> = { "classes.npy": npy([0, 1]), "coef.npy": npy([0.5, -0.25]), "intercept.npy": npy([0.1]) }): Uint8Array {
  const text = typeof schema === "string" ? schema : JSON.stringify(schema, null, 2);
  return buildZip({ members: [{ name: "schema.json", data: new TextEncoder().encode(text), method: 8 }, ...Object.entries(arrays).map(([name, data]) => ({ name, data, method: 8 }))] });
}
