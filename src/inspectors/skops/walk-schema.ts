import { LimitExceededError } from "../../errors.js";
import { MAX_JSON_DEPTH, MAX_SKOPS_REFERENCES } from "../../limits.js";
import type { SkopsReference } from "./facts.js";

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

interface Frame {
  value: unknown;
  depth: number;
  pointer: string;
}

export interface SchemaWalk {
  references: SkopsReference[];
  nodes: number;
}

/**
 * The (module, name) pairs one skops node makes skops.io import, as its loader resolves them (skops
 * io/_general.py, _numpy.py, _sklearn.py): every node imports `__module__`.`__class__`, except
 * - FunctionNode, which imports `content.module_path`.`content.function`;
 * - OperatorFuncNode, which builds `getattr(operator, __class__)` whatever `__module__` says
 *   (CVE-2025-54412: the untrusted-type list showed a trusted module, the loader called operator.call);
 * - MethodNode, which reads `getattr(obj, content.func)` on an object node.
 */
function nodeReferences(node: Record<string, unknown>): { module: string; name: string; declared?: string }[] {
  const loader = str(node["__loader__"]);
  const module = str(node["__module__"]);
  const cls = str(node["__class__"]);
  const content = node["content"];
  if (loader === "FunctionNode" && isRecord(content)) {
    const m = str(content["module_path"]);
    const f = str(content["function"]);
    return m && f ? [{ module: m, name: f }] : [];
  }
  if (loader === "OperatorFuncNode" && cls) {
    return [module === "operator" || module === "_operator" ? { module: "operator", name: cls } : { module: "operator", name: cls, declared: `${module ?? "?"}.${cls}` }];
  }
  if (loader === "MethodNode" && isRecord(content) && isRecord(content["obj"])) {
    const obj = content["obj"];
    const func = str(content["func"]);
    const om = str(obj["__module__"]);
    const oc = str(obj["__class__"]);
    return func && om && oc ? [{ module: om, name: `${oc}.${func}` }] : [];
  }
  return module && cls ? [{ module, name: cls }] : [];
}

function keyPointer(base: string, key: string): string {
  return /^[A-Za-z_]\w*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/**
 * Walks a parsed schema.json iteratively (no recursion: a deep hostile tree cannot exhaust the
 * stack) and collects each distinct import once, with the path of its first node.
 */
export function walkSchema(root: unknown): SchemaWalk {
  const byName = new Map<string, SkopsReference>();
  const stack: Frame[] = [{ value: root, depth: 0, pointer: "$" }];
  let nodes = 0;
  while (stack.length > 0) {
    const { value, depth, pointer } = stack.pop()!;
    if (depth > MAX_JSON_DEPTH) throw new LimitExceededError("MAX_JSON_DEPTH", `schema.json nests deeper than ${MAX_JSON_DEPTH}`);
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], depth: depth + 1, pointer: `${pointer}[${i}]` });
      continue;
    }
    if (!isRecord(value)) continue;
    if (typeof value["__loader__"] === "string" || typeof value["__module__"] === "string") {
      nodes++;
      const loader = str(value["__loader__"]) ?? "?";
      for (const r of nodeReferences(value)) {
        const key = `${r.module}\0${r.name}\0${r.declared ?? ""}`;
        const seen = byName.get(key);
        if (seen) {
          seen.count++;
          continue;
        }
        if (byName.size >= MAX_SKOPS_REFERENCES) throw new LimitExceededError("MAX_SKOPS_REFERENCES", `schema.json names more than ${MAX_SKOPS_REFERENCES} distinct types`);
        const ref: SkopsReference = { module: r.module, name: r.name, loader, pointer, count: 1 };
        if (r.declared) ref.declared = r.declared;
        byName.set(key, ref);
      }
    }
    const entries = Object.entries(value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, v] = entries[i]!;
      if (typeof v === "object" && v !== null) stack.push({ value: v, depth: depth + 1, pointer: keyPointer(pointer, k) });
    }
  }
  return { references: [...byName.values()], nodes };
}
