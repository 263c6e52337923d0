import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadList } from "../../../src/catalog/load-rules.js";
import { MemoryByteSource } from "../../../src/io/byte-source.js";
import { python2Names } from "../../../src/inspectors/pickle/python2-names.js";
import type { PGlobal } from "../../../src/inspectors/pickle/values.js";
import { PickleWalker } from "../../../src/inspectors/pickle/walker.js";
import { pickle } from "../../builders/pickle-builder.js";
import { FIXTURES } from "../../cli/cli-harness.js";
import { scanFiles } from "../../helpers/scan-files.js";

const names = python2Names(loadList("pickle-python2-names"));
const latin1 = (s: string): Uint8Array => Uint8Array.from([...s].map((c) => c.charCodeAt(0) & 0xff));

async function imports(bytes: Uint8Array): Promise<{ imported: string; written?: string }[]> {
  const out: { imported: string; written?: string }[] = [];
  const sink = { onGlobal: (g: PGlobal) => out.push({ imported: `${g.module}.${g.name}`, ...(g.written ? { written: g.written } : {}) }), onCall: () => undefined, onPayload: () => undefined };
  await new PickleWalker(new MemoryByteSource(bytes), sink, { python2Names: names }).walk();
  return out;
}

describe("the Python 2 name table (CPython Lib/_compat_pickle.py)", () => {
  // Rows copied from CPython 3.11's _compat_pickle.py, one per table the list transcribes.
  const rows: [string, string, string][] = [
    ["__builtin__", "xrange", "builtins.range"], // NAME_MAPPING
    ["__builtin__", "reduce", "functools.reduce"],
    ["__builtin__", "basestring", "builtins.str"], // non-mutual NAME_MAPPING update
    ["UserDict", "UserDict", "collections.UserDict"],
    ["itertools", "izip", "builtins.zip"],
    ["exceptions", "StandardError", "builtins.Exception"],
    ["exceptions", "ValueError", "builtins.ValueError"], // PYTHON2_EXCEPTIONS
    ["multiprocessing", "AuthenticationError", "multiprocessing.context.AuthenticationError"], // MULTIPROCESSING_EXCEPTIONS
    ["copy_reg", "_reconstructor", "copyreg._reconstructor"], // IMPORT_MAPPING
    ["commands", "getoutput", "subprocess.getoutput"],
    ["cPickle", "loads", "pickle.loads"], // non-mutual IMPORT_MAPPING update
    ["cStringIO", "StringIO", "io.StringIO"],
  ];
  for (const [module, name, to] of rows) {
    it(`rewrites ${module}.${name} to ${to}`, () => {
      expect(names.rewrite(module, name)?.join(".")).toBe(to);
    });
  }

  it("leaves Python 3 names alone", () => {
    expect(names.rewrite("builtins", "range")).toBeUndefined();
    expect(names.rewrite("os", "system")).toBeUndefined();
  });

  it("holds every NAME_MAPPING and IMPORT_MAPPING entry of CPython 3.11 and names its source", () => {
    const raw = loadList("pickle-python2-names") as { source: string; entries: { name?: string }[] };
    expect(raw.source).toMatch(/^CPython 3\.\d+\.\d+ Lib\/_compat_pickle\.py$/);
    // 88 NAME_MAPPING pairs on Linux plus exceptions.WindowsError; 55 IMPORT_MAPPING modules.
    expect(raw.entries.filter((e) => e.name !== undefined)).toHaveLength(89);
    expect(raw.entries.filter((e) => e.name === undefined)).toHaveLength(55);
  });
});

describe("the walker imports what find_class imports", () => {
  it("rewrites a protocol 2 GLOBAL and keeps the written name", async () => {
    const p = pickle().proto(2).global("__builtin__", "xrange").op("EMPTY_TUPLE").op("REDUCE").stop().bytes();
    expect(await imports(p)).toEqual([{ imported: "builtins.range", written: "__builtin__.xrange" }]);
  });

  it("rewrites protocol 0 pickles, which have no PROTO opcode", async () => {
    expect(await imports(latin1("ccopy_reg\n_reconstructor\np0\n."))).toEqual([{ imported: "copyreg._reconstructor", written: "copy_reg._reconstructor" }]);
  });

  it("does not rewrite protocol 3 and later, as CPython does not", async () => {
    const p = pickle().proto(3).global("__builtin__", "xrange").stop().bytes();
    expect(await imports(p)).toEqual([{ imported: "__builtin__.xrange" }]);
  });

  it("rewrites a STACK_GLOBAL under protocol 2 as well", async () => {
    const p = pickle().proto(2).op("BINUNICODE", "UserDict").op("BINUNICODE", "UserDict").op("STACK_GLOBAL").stop().bytes();
    expect(await imports(p)).toEqual([{ imported: "collections.UserDict", written: "UserDict.UserDict" }]);
  });
});

describe("Python 2 pickles through the scan", () => {
  for (const file of ["python2-builtins-p0.pkl", "python2-builtins-p2.pkl"]) {
    it(`passes ${file}, a real Python 2 style pickle of builtin data types`, async () => {
      const r = await scanFiles({ "data.pkl": readFileSync(join(FIXTURES, "pickle/benign", file)) });
      expect(r.findings.filter((f) => f.severity === "critical" || f.severity === "high").map((f) => f.message)).toEqual([]);
    });
  }

  it("still reports __builtin__.eval as critical, named as Python 3 imports it", async () => {
    const r = await scanFiles({ "data.pkl": latin1("\x80\x02c__builtin__\neval\nX\x02\x00\x00\x001+\x85R.") });
    const f = r.findings.find((x) => x.ruleName === "pickle-dangerous-global");
    expect(f?.severity).toBe("critical");
    expect(f?.message).toContain("imports builtins.eval");
    expect(f?.message).toContain("(written __builtin__.eval, a Python 2 name)");
  });

  it("reports commands.getoutput as subprocess.getoutput, critical", async () => {
    const r = await scanFiles({ "data.pkl": latin1("ccommands\ngetoutput\n(S'id'\ntR.") });
    const f = r.findings.find((x) => x.ruleName === "pickle-dangerous-global");
    expect(f?.severity).toBe("critical");
    expect(f?.message).toContain("subprocess.getoutput");
  });
});
