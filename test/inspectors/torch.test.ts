import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadRules } from "../../src/catalog/load-rules.js";
import { torchLegacyInspector } from "../../src/inspectors/torch/torch-legacy.js";
import { torchZipInspector } from "../../src/inspectors/torch/torch-zip.js";
import { tarInspector } from "../../src/inspectors/archive/tar.js";
import { factsOf, inspectBytes } from "../builders/run-inspector.js";
import { buildZip } from "../builders/zip-builder.js";
import { runInspector } from "./archive-members.js";

const MALICIOUS = "cos\nsystem\n(S'echo modelgate-test'\ntR.";
const BENIGN = "\x80\x02}q\x00X\x01\x00\x00\x00aq\x01K\x01s.";
const pickleRulesReady = loadRules().some((r) => r.id.startsWith("MG-PKL-"));

describe("PyTorch zip checkpoints", () => {
  it("hands data.pkl of a real torch.save file to the pickle inspector and skips tensor storages", async () => {
    const { children, facts } = await runInspector(torchZipInspector, readFileSync("fixtures/torch/linear-zip.pt"), "linear-zip.pt");
    expect(children.map((c) => [c.child.ref.path, c.declared])).toEqual([["linear-zip/data.pkl", "pickle"]]);
    const cp = factsOf(facts, "torch.checkpoint")[0]!.data;
    expect(cp).toMatchObject({ layout: "zip", prefix: "linear-zip", storages: 2, torchscript: false });
  });

  it("hands both pickles of a TorchScript archive on and notes its code folder", async () => {
    const { children, facts } = await runInspector(torchZipInspector, readFileSync("fixtures/torch/linear-script.pt"), "linear-script.pt");
    expect(children.map((c) => c.child.ref.path).sort()).toEqual([
      "linear-script/code/__torch__/torch/nn/modules/linear.py.debug_pkl",
      "linear-script/constants.pkl",
      "linear-script/data.pkl",
    ]);
    expect(factsOf(facts, "torch.unexpected-pickle")).toEqual([]);
    expect(factsOf(facts, "torch.checkpoint")[0]!.data.torchscript).toBe(true);
  });

  it("finds a pickle hidden under a JSON name (CVE-2025-1889)", async () => {
    const zip = buildZip({ members: [{ name: "archive/data.pkl", data: BENIGN }, { name: "archive/config.json", data: MALICIOUS }, { name: "archive/version", data: "3\n" }] });
    const { children, facts } = await runInspector(torchZipInspector, zip, "model.bin");
    expect(children.map((c) => [c.child.ref.path, c.declared])).toContainEqual(["archive/config.json", "pickle"]);
    expect(factsOf(facts, "torch.unexpected-pickle").map((f) => f.data.entry)).toEqual(["archive/config.json"]);
  });

  it("finds a pickle hidden in a tensor storage member", async () => {
    const zip = buildZip({ members: [{ name: "archive/data.pkl", data: BENIGN }, { name: "archive/data/0", data: "\x80\x02cos\nsystem\nX\x02\x00\x00\x00id\x85R." }] });
    const { facts } = await runInspector(torchZipInspector, zip, "model.bin");
    expect(factsOf(facts, "torch.unexpected-pickle").map((f) => f.data.entry)).toEqual(["archive/data/0"]);
  });

  it("does not take float bytes that happen to start like PROTO for a pickle", async () => {
    const storage = new Uint8Array(256).fill(0x3f);
    storage.set([0x80, 0x02, 0x00, 0x00]);
    const zip = buildZip({ members: [{ name: "archive/data.pkl", data: BENIGN }, { name: "archive/data/0", data: storage }] });
    const { facts, children } = await runInspector(torchZipInspector, zip, "model.bin");
    expect(factsOf(facts, "torch.unexpected-pickle")).toEqual([]);
    expect(children).toHaveLength(1);
  });

  it("hands a zip nested in a checkpoint on and records the nesting (B16)", async () => {
    const inner = buildZip({ members: [{ name: "inner/data.pkl", data: MALICIOUS }] });
    const zip = buildZip({ members: [{ name: "archive/data.pkl", data: BENIGN }, { name: "archive/data/weights", data: inner }] });
    const { facts, children } = await runInspector(torchZipInspector, zip, "model.pt2");
    expect(children.map((c) => c.child.ref.path)).toContain("archive/data/weights");
    expect(factsOf(facts, "archive.nested").map((f) => f.data.entry)).toEqual(["archive/data/weights"]);
  });

  it("records the legacy stacked-pickle layout", async () => {
    const { facts } = await runInspector(torchLegacyInspector, readFileSync("fixtures/torch/linear-legacy.pt"), "linear-legacy.pt");
    expect(factsOf(facts, "torch.checkpoint")[0]!.data.layout).toBe("legacy");
  });

  it("hands every member of a torch 0.1 tar checkpoint on as a pickle (B13)", async () => {
    const { facts, children } = await runInspector(tarInspector, readFileSync("fixtures/torch/legacy-tar.pt"), "legacy-tar.pt");
    expect(children.map((c) => [c.child.ref.path, c.declared])).toEqual([
      ["sys_info", "pickle"],
      ["pickle", "pickle"],
      ["storages", "pickle"],
      ["tensors", "pickle"],
    ]);
    expect(factsOf(facts, "torch.checkpoint")[0]!.data.layout).toBe("tar");
  });

  it("reads only the pickle member and probes of the rest through the engine", async () => {
    const { facts } = await inspectBytes(readFileSync("fixtures/torch/linear-zip.pt"), "linear-zip.pt");
    const members = factsOf(facts, "artifact.format").filter((f) => f.artifact?.parent);
    expect(members.map((f) => [f.artifact!.path, f.data.format])).toEqual([["linear-zip/data.pkl", "pickle"]]);
  });

  it.skipIf(!pickleRulesReady)("reports the os.system call of a pickle hidden in a torch zip member end to end", async () => {
    const zip = buildZip({ members: [{ name: "archive/data.pkl", data: BENIGN }, { name: "archive/extra/notes.txt", data: MALICIOUS }] });
    const { findings } = await inspectBytes(zip, "pytorch_model.bin");
    const pkl = findings.filter((f) => f.ruleId.startsWith("MG-PKL-") && f.severity === "critical");
    expect(pkl.map((f) => f.artifact?.path)).toContain("archive/extra/notes.txt");
  });

  it.skipIf(!pickleRulesReady)("reports a malicious pickle behind a local/central name mismatch end to end (CVE-2025-1944)", async () => {
    const zip = buildZip({ members: [{ name: "archive/data.pkl", localName: "archive/datap.kl", data: MALICIOUS }] });
    const { findings } = await inspectBytes(zip, "pytorch_model.bin");
    expect(findings.some((f) => f.ruleId.startsWith("MG-PKL-") && f.severity === "critical")).toBe(true);
    expect(findings.some((f) => f.ruleName === "archive-name-mismatch")).toBe(true);
  });
});
