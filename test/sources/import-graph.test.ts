import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { importCycles, importGraph } from "../helpers/import-graph.js";

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

function tempModules(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "modelgate-imports-"));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("src/sources import graph", () => {
  it("has no import circle: every source depends on the shared modules, never on the dispatcher", () => {
    expect(importCycles(importGraph(join(import.meta.dirname, "../../src/sources")))).toEqual([]);
  });

  it("has resolve.ts import the sources and no source import resolve.ts", () => {
    const graph = importGraph(join(import.meta.dirname, "../../src/sources"));
    const importers = [...graph].filter(([, deps]) => deps.includes("resolve.ts")).map(([file]) => file);
    expect(importers).toEqual([]);
    expect(graph.get("resolve.ts")).toEqual(expect.arrayContaining(["hf-cache.ts", "local-dir.ts", "source-params.ts"]));
  });
});

describe("importCycles", () => {
  it("finds a circle closed by a type-only import and a dynamic import", () => {
    const dir = tempModules({
      "a.ts": 'import type { B } from "./b.js";\nexport interface A { b?: B }\n',
      "b.ts": 'export interface B { n: number }\nexport async function load() { return import("./a.js"); }\n',
      "c.ts": 'import { x } from "./d.js";\n',
      "d.ts": "export const x = 1;\n",
    });
    expect(importCycles(importGraph(dir))).toEqual(["a.ts → b.ts → a.ts"]);
  });

  it("finds a circle through a re-export", () => {
    const dir = tempModules({ "a.ts": 'export { b } from "./b.js";\nexport const a = 1;\n', "b.ts": 'import { a } from "./a.js";\nexport const b = a;\n' });
    expect(importCycles(importGraph(dir))).toEqual(["a.ts → b.ts → a.ts"]);
  });
});
