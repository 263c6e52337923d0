import { PBytes, PCall, PDict, PGlobal, PLongStr, POpaque, PPersistent, PSeq, type PValue } from "./values.js";

/** Longest rendering of one call; the rest is elided so a message stays readable. */
const MAX_RENDER_CHARS = 240;
const MAX_RENDER_DEPTH = 5;

function quote(s: string): string {
  return JSON.stringify(s);
}

export function globalName(g: PGlobal): string {
  if (g.extCode !== undefined) return `<extension code ${g.extCode}>`;
  return `${g.module ?? "?"}.${g.name ?? "?"}`;
}

function renderSeq(items: readonly string[], count: number, open: string, close: string, single: boolean): string {
  const more = count > items.length ? `, …(+${count - items.length})` : "";
  const trail = single && count === 1 ? "," : "";
  return `${open}${items.join(", ")}${more}${trail}${close}`;
}

function render(v: PValue | undefined, depth: number, seen: Set<object>): string {
  if (v === undefined) return "?";
  if (v === null) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "number") return Number.isInteger(v) || !Number.isFinite(v) ? String(v) : String(v);
  if (typeof v === "bigint") return v.toString();
  if (typeof v === "string") return quote(v.length > 160 ? `${v.slice(0, 160)}…` : v);
  if (v instanceof PLongStr) return `${quote(`${v.prefix}…`)} (${v.length} chars)`;
  if (v instanceof PBytes) return `<${v.length} bytes at 0x${v.offset.toString(16)}>`;
  if (v instanceof PGlobal) return globalName(v);
  if (v instanceof POpaque) return `<${v.what}>`;
  if (depth >= MAX_RENDER_DEPTH || seen.has(v)) return "…";
  seen.add(v);
  try {
    if (v instanceof PPersistent) return `persistent_load(${render(v.pid, depth + 1, seen)})`;
    if (v instanceof PSeq) {
      const items = v.items.map((i) => render(i, depth + 1, seen));
      if (v.kind === "tuple") return renderSeq(items, v.count, "(", ")", true);
      if (v.kind === "list") return renderSeq(items, v.count, "[", "]", false);
      return `${v.kind}(${renderSeq(items, v.count, "{", "}", false)})`;
    }
    if (v instanceof PDict) {
      const pairs = v.keys.map((k, i) => `${render(k, depth + 1, seen)}: ${render(v.values[i], depth + 1, seen)}`);
      return renderSeq(pairs, v.count, "{", "}", false);
    }
    return renderCall(v, depth, seen);
  } finally {
    seen.delete(v);
  }
}

function argList(args: PValue, depth: number, seen: Set<object>): string {
  if (args instanceof PSeq && args.kind === "tuple") {
    const items = args.items.map((i) => render(i, depth + 1, seen));
    return `${items.join(", ")}${args.count > items.length ? `, …(+${args.count - items.length})` : ""}`;
  }
  return `*${render(args, depth + 1, seen)}`;
}

function kwargList(kwargs: PValue | undefined, depth: number, seen: Set<object>): string {
  if (kwargs instanceof PDict) {
    const pairs = kwargs.keys.map((k, i) => `${typeof k === "string" ? k : render(k, depth + 1, seen)}=${render(kwargs.values[i], depth + 1, seen)}`);
    return pairs.join(", ") + (kwargs.count > pairs.length ? ", …" : "");
  }
  return kwargs === undefined ? "" : `**${render(kwargs, depth + 1, seen)}`;
}

function renderCall(c: PCall, depth: number, seen: Set<object>): string {
  const callee = render(c.callee, depth + 1, seen);
  switch (c.opcode) {
    case "BUILD":
      return `${callee}.__setstate__(${render(c.args, depth + 1, seen)})`;
    case "APPEND":
    case "APPENDS":
      return `${callee}.append(${render(c.args, depth + 1, seen)})`;
    case "SETITEM":
    case "SETITEMS":
      return `${callee}[…] = ${render(c.args, depth + 1, seen)}`;
    case "ADDITEMS":
      return `${callee}.add(${render(c.args, depth + 1, seen)})`;
    default: {
      const kw = kwargList(c.kwargs, depth, seen);
      const args = argList(c.args, depth, seen);
      const inner = [args, kw].filter((s) => s !== "").join(", ");
      return c.opcode === "NEWOBJ" || c.opcode === "NEWOBJ_EX" ? `${callee}.__new__(${callee}${inner ? `, ${inner}` : ""})` : `${callee}(${inner})`;
    }
  }
}

/** A bounded Python-like rendering of a value, e.g. `os.system("curl … | sh")`. */
export function renderValue(v: PValue | undefined): string {
  const s = render(v, 0, new Set());
  return s.length > MAX_RENDER_CHARS ? `${s.slice(0, MAX_RENDER_CHARS - 1)}…` : s;
}
