import { afterEach, describe, expect, it } from "vitest";
import { diffRevisions } from "../../src/diff/diff-revisions.js";
import { startFakeHub, type FakeHub } from "../support/fake-hub.js";
import { COMMIT_A, COMMIT_B } from "../sources/hub-helpers.js";
import { swappedRepo } from "./diff-helpers.js";

let hub: FakeHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

async function swapped(): Promise<string> {
  const repo = swappedRepo();
  hub = await startFakeHub({ repos: [repo] });
  repo.refs = { main: COMMIT_B };
  repo.sha = COMMIT_B;
  return hub.url;
}

describe("diffRevisions", () => {
  it("lists files added, removed and changed by hash, comparing a commit with the head of main by default", async () => {
    const hubUrl = await swapped();
    const d = await diffRevisions({ repoId: "acme/tiny-model", revA: COMMIT_A, hubUrl });
    expect(d.b).toEqual({ revision: "main", commit: COMMIT_B });
    expect(d.files.map((f) => `${f.change} ${f.path}`)).toEqual([
      "changed README.md",
      "changed config.json",
      "removed model.safetensors",
      "added modeling_tiny.py",
      "added pytorch_model.bin",
      "changed tokenizer_config.json",
    ].sort((a, b) => (a.split(" ")[1]! < b.split(" ")[1]! ? -1 : 1)));
  });

  it("reports safetensors weights replaced by a pickle-based file as critical", async () => {
    const hubUrl = await swapped();
    const d = await diffRevisions({ repoId: "acme/tiny-model", revA: COMMIT_A, hubUrl });
    expect(d.formats).toContainEqual({ path: "pytorch_model.bin", formatA: null, formatB: "pytorch-zip" });
    expect(d.formats).toContainEqual({ path: "model.safetensors", formatA: "safetensors", formatB: null });
    const f = d.findings.find((x) => x.ruleId === "MG-DIF-001");
    expect(f?.severity).toBe("critical");
    expect(f?.message).toContain("replaces data-only weights");
  });

  it("reports a new modeling file and auto_map entry as remote code, and the changed chat template with a unified diff", async () => {
    const hubUrl = await swapped();
    const d = await diffRevisions({ repoId: "acme/tiny-model", revA: COMMIT_A, hubUrl });
    expect(d.remoteCode).toContainEqual({ what: "python-file", path: "modeling_tiny.py", change: "added", detail: "modeling_tiny.py" });
    expect(d.remoteCode).toContainEqual({ what: "auto_map", path: "config.json", change: "added", detail: "AutoModelForCausalLM → modeling_tiny.TinyForCausalLM" });
    const t = d.chatTemplates[0];
    expect(t?.source).toBe("tokenizer_config.json");
    expect(t?.diff).toContain("+{{ 'Always answer in French.' }}");
    expect(t?.diff).toMatch(/^--- a\/tokenizer_config\.json \(default\)\n\+\+\+ b\/tokenizer_config\.json \(default\)\n@@ /);
    expect(d.findings.filter((x) => x.ruleId === "MG-DIF-002").map((x) => x.severity)).toEqual(["high", "high"]);
  });

  it("reports the card's license change at medium", async () => {
    const hubUrl = await swapped();
    const d = await diffRevisions({ repoId: "acme/tiny-model", revA: COMMIT_A, hubUrl });
    expect(d.card).toContainEqual({ field: "license", before: "apache-2.0", after: "cc-by-nc-4.0" });
    expect(d.findings.find((f) => f.ruleId === "MG-DIF-004" && f.message.includes("license"))?.severity).toBe("medium");
  });

  it("reads only metadata for unchanged files and never downloads whole weights", async () => {
    const hubUrl = await swapped();
    await diffRevisions({ repoId: "acme/tiny-model", revA: COMMIT_A, hubUrl });
    const fileReads = hub!.requests.filter((r) => /\/(resolve|raw)\//.test(r.url));
    expect(fileReads.some((r) => r.url.includes("generation_config.json"))).toBe(false);
    const weightReads = fileReads.filter((r) => /pytorch_model\.bin|model\.safetensors/.test(r.url));
    expect(weightReads.length).toBeGreaterThan(0);
    expect(weightReads.every((r) => typeof r.headers["range"] === "string")).toBe(true);
  });

  it("finds nothing between a revision and itself", async () => {
    const repo = swappedRepo();
    hub = await startFakeHub({ repos: [repo] });
    const d = await diffRevisions({ repoId: "acme/tiny-model", revA: COMMIT_A, revB: "main", hubUrl: hub.url });
    expect(d.files).toEqual([]);
    expect(d.findings).toEqual([]);
  });

  it("compares the findings of both revisions when asked", async () => {
    const hubUrl = await swapped();
    const d = await diffRevisions({ repoId: "acme/tiny-model", revA: COMMIT_A, hubUrl, findings: true });
    expect(d.scanFindings?.appeared.some((f) => f.path === "pytorch_model.bin" || f.path === "modeling_tiny.py")).toBe(true);
  });
});
