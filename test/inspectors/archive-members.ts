import { MemoryByteSource } from "../../src/io/byte-source.js";
import type { Fact } from "../../src/types/fact.js";
import type { ChildArtifact, InspectContext, Inspector, Probe } from "../../src/types/inspector.js";
import { sniffArtifact } from "../../src/inspectors/sniff.js";
import { loadLists } from "../../src/catalog/load-rules.js";

const lists = loadLists();

/** Runs one inspector directly and splits what it yields into facts and child artifacts (with declared formats). */
export async function runInspector(inspector: Inspector, bytes: Uint8Array, name: string): Promise<{ facts: Fact[]; children: ChildArtifact[] }> {
  const source = new MemoryByteSource(bytes);
  const head = bytes.subarray(0, 4096);
  const format = await sniffArtifact(source, head);
  const probe: Probe = { ref: { path: name }, name, size: bytes.byteLength, head, format, depth: 0 };
  const ctx: InspectContext = { target: { kind: "local-dir", input: "test" }, files: [], list: (n) => lists.get(n) };
  const facts: Fact[] = [];
  const children: ChildArtifact[] = [];
  if (!inspector.accepts(probe)) throw new Error(`${inspector.name} does not accept ${format}`);
  for await (const item of inspector.inspect({ ref: probe.ref, source, origin: "local" }, probe, ctx)) {
    if ("child" in item) children.push(item);
    else facts.push(item);
  }
  return { facts, children };
}
