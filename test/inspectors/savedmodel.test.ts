import { describe, expect, it } from "vitest";
import { inspectors as savedModelInspectors } from "../../src/inspectors/savedmodel/index.js";
import { looksLikeSavedModel } from "../../src/inspectors/savedmodel/savedmodel.js";
import { factsOf, inspectBytes, mutations } from "../builders/run-inspector.js";
import { TF2_CLEAN, buildGraphDef, buildSavedModel } from "../builders/savedmodel.js";

describe("SavedModel inspector", () => {
  it("reads tags, TF version, node and function counts and op types", async () => {
    const { facts } = await inspectBytes(buildSavedModel(TF2_CLEAN), "saved_model.pb");
    expect(factsOf(facts, "savedmodel.model")[0]?.data).toEqual({
      kind: "saved-model",
      schemaVersion: 1,
      metaGraphs: [{ tags: ["serve"], tensorflowVersion: "2.15.0", nodeCount: 12, functionCount: 3 }],
      opTypes: ["AssignVariableOp", "BiasAdd", "MatMul", "MergeV2Checkpoints", "Placeholder", "RestoreV2", "SaveV2", "ShardedFilename", "StatefulPartitionedCall"],
    });
  });

  it("groups ops by enclosing function and gives the first node's op bytes as region", async () => {
    const bytes = buildSavedModel({ functions: [{ name: "f", nodes: [["a", "ReadFile"], ["b", "ReadFile"]] }] });
    const { facts } = await inspectBytes(bytes, "saved_model.pb");
    const [op] = factsOf(facts, "savedmodel.op");
    expect(op?.data).toEqual({ op: "ReadFile", node: "a", count: 2, function: "f" });
    const r = op?.region;
    expect(new TextDecoder().decode(bytes.subarray((r?.byteOffset ?? 0) + 2, (r?.byteOffset ?? 0) + (r?.byteLength ?? 0)))).toBe("ReadFile");
  });

  it("recognises a SavedModel by its first bytes whatever its name", async () => {
    const bytes = buildSavedModel(TF2_CLEAN);
    expect(looksLikeSavedModel(bytes)).toBe(true);
    const { facts } = await inspectBytes(bytes, "renamed.bin");
    expect(factsOf(facts, "savedmodel.model")).toHaveLength(1);
  });

  it("reads a frozen GraphDef", async () => {
    const { facts } = await inspectBytes(buildGraphDef({ nodes: [["x", "Placeholder"], ["w", "WriteFile"]] }), "frozen_graph.pb");
    expect(factsOf(facts, "savedmodel.model")[0]?.data.kind).toBe("graph-def");
    expect(factsOf(facts, "savedmodel.op").map((f) => f.data.op)).toEqual(["Placeholder", "WriteFile"]);
  });

  it("turns truncated and mutated graphs into parse facts, never an escaped exception", async () => {
    const base = buildSavedModel({ ...TF2_CLEAN, nodes: [...(TF2_CLEAN.nodes ?? []), ["evil", "PyFunc"]] });
    const cases = [...Array.from({ length: base.length }, (_, i) => base.subarray(0, i)), ...mutations(base, 1500, 11)];
    for (const bytes of cases) {
      const { facts } = await inspectBytes(bytes, "saved_model.pb", { inspectors: savedModelInspectors });
      expect(facts.filter((f) => f.kind === "scan.inspector-failed")).toEqual([]);
    }
  });
});
