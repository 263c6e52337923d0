import { describe, expect, it } from "vitest";
import { modelSource } from "../../src/checklist/items/model-source.js";
import { fact } from "../../src/types/fact.js";
import { finding, itemContext } from "./item-context.js";

const SHA = "0c8c7bd680b752e85526da71da36a08801ab8c3a";
const hubInfo = fact("source.model", { hubUrl: "https://huggingface.co/", repoId: "acme/m", owner: "acme", revision: "main", commitSha: SHA, gated: false, private: false });

describe("checklist item 1, model source", () => {
  it("passes for a Hub repo pinned to a commit and shows where it comes from", () => {
    const r = modelSource(itemContext("model-source", { facts: [hubInfo], target: { kind: "hub", input: "acme/m", repoId: "acme/m", commitSha: SHA } }));
    expect(r.status).toBe("pass");
    expect(r.summary).toBe("acme/m pinned to 0c8c7bd680b7");
    expect(r.evidence.map((e) => e.text)).toContain("repository: https://huggingface.co/acme/m");
    expect(r.evidence.map((e) => e.text)).toContain(`pinned commit: ${SHA} (resolved from "main")`);
  });

  it("asks for review when the revision was not pinned to a commit", () => {
    const info = fact("source.model", { repoId: "acme/m", owner: "acme", revision: "main" });
    expect(modelSource(itemContext("model-source", { facts: [info] })).status).toBe("review");
  });

  it("asks for review for local files with no Hub provenance", () => {
    const r = modelSource(itemContext("model-source", { target: { kind: "local-dir", input: "./weights" } }));
    expect(r.status).toBe("review");
    expect(r.evidence[0]?.text).toBe("scanned folder: ./weights");
  });

  it("says an HF_HUB_OFFLINE scan of a Hub target had no Hub metadata, and an online one does not", () => {
    const offline = fact("source.model", { hubUrl: "https://huggingface.co", repoId: "acme/m", owner: "acme", revision: "main", commitSha: SHA });
    const target = { kind: "hub" as const, input: "acme/m", repoId: "acme/m", commitSha: SHA };
    const r = modelSource(itemContext("model-source", { facts: [offline], target }));
    expect(r.status).toBe("pass");
    expect(r.evidence.map((e) => e.text)).toContain("HF_HUB_OFFLINE: scanned from the local cache; gating, dates and the Hub's security scan need an online scan (acme/m@0c8c7bd680b7)");
    const online = modelSource(itemContext("model-source", { facts: [hubInfo], target }));
    expect(online.evidence.map((e) => e.text).filter((t) => t.includes("HF_HUB_OFFLINE"))).toEqual([]);
  });

  it("passes for an HF cache snapshot and says Hub metadata was not available offline", () => {
    const info = fact("source.model", { repoId: "acme/m", owner: "acme", revision: "main", commitSha: SHA });
    const r = modelSource(itemContext("model-source", { facts: [info], target: { kind: "hf-cache", input: "cache/models--acme--m", repoId: "acme/m", commitSha: SHA } }));
    expect(r.status).toBe("pass");
    expect(r.evidence.some((e) => /cache snapshot, scanned offline/.test(e.text))).toBe(true);
  });

  it("fails on a high finding about the source, keeping the source evidence", () => {
    const r = modelSource(itemContext("model-source", { facts: [hubInfo], findings: [finding("MG-SRC-001", "high")] }));
    expect(r.status).toBe("fail");
    expect(r.evidence.map((e) => e.text)).toContain("owner: acme");
  });
});
