import { describe, expect, it } from "vitest";
import { isValidRepoId } from "../../../src/inspectors/model-card/lineage.js";
import { MAX_LINEAGE_DEPTH } from "../../../src/limits.js";
import { HUB_TARGET, card, handHub, inspectRepo, ofKind } from "./harness.js";

const nodes = async (readme: string, hub = handHub({})) =>
  ofKind(await inspectRepo({ "README.md": readme }, HUB_TARGET, hub), "lineage.model").map((n) => [n.data.repoId, n.data.depth, n.data.parent ?? null, n.data.status]);

describe("lineage inspector", () => {
  it("follows base_model recursively and collects each ancestor's license, gating and card", async () => {
    const hub = handHub({
      "org/ft": { cardData: { license: "apache-2.0", base_model: "org/base" }, readme: "# ft" },
      "org/base": { cardData: { license: ["llama2"] }, gated: "manual" },
    });
    const facts = await inspectRepo({ "README.md": card("base_model: org/ft") }, HUB_TARGET, hub);
    expect(ofKind(facts, "lineage.model").map((n) => n.data)).toEqual([
      { repoId: "org/ft", depth: 1, status: "found", license: ["apache-2.0"], baseModels: ["org/base"], gated: false, hasCard: true },
      { repoId: "org/base", depth: 2, parent: "org/ft", status: "found", license: ["llama2"], baseModels: [], gated: "manual", hasCard: true },
    ]);
  });

  it("detects a cycle back to the scanned model and stops there", async () => {
    const hub = handHub({ "org/a": { cardData: { base_model: "org/b" } }, "org/b": { cardData: { base_model: "acme/model" } } });
    expect(await nodes(card("base_model: org/a"), hub)).toEqual([
      ["org/a", 1, null, "found"],
      ["org/b", 2, "org/a", "found"],
      ["acme/model", 3, "org/b", "cycle"],
    ]);
  });

  it("detects a cycle between two ancestors", async () => {
    const hub = handHub({ "org/a": { cardData: { base_model: "org/b" } }, "org/b": { cardData: { base_model: "org/a" } } });
    const facts = await inspectRepo({ "README.md": card("base_model: org/a") }, HUB_TARGET, hub);
    const cycle = ofKind(facts, "lineage.model").find((n) => n.data.status === "cycle");
    expect(cycle?.data.detail).toBe("base_model chain loops: org/a → org/b → org/a");
  });

  it("reports a missing ancestor as not-found and does not look further", async () => {
    const hub = handHub({ "org/a": { cardData: { base_model: "gone/model" } } });
    expect(await nodes(card("base_model: org/a"), hub)).toEqual([
      ["org/a", 1, null, "found"],
      ["gone/model", 2, "org/a", "not-found"],
    ]);
  });

  it("fetches a repo reached twice (a diamond) only once", async () => {
    const hub = handHub({ "o/a": { cardData: { base_model: "o/c" } }, "o/b": { cardData: { base_model: "o/c" } }, "o/c": { cardData: { license: "mit" } } });
    const result = await nodes(card("base_model: [o/a, o/b]"), hub);
    expect(result.filter((n) => n[0] === "o/c")).toHaveLength(2);
    expect(hub.calls.filter((c) => c === "model:o/c")).toHaveLength(1);
  });

  it("stops at MAX_LINEAGE_DEPTH hops", async () => {
    const models: Record<string, { cardData: Record<string, unknown> }> = {};
    for (let i = 0; i < MAX_LINEAGE_DEPTH + 3; i++) models[`o/m${i}`] = { cardData: { base_model: `o/m${i + 1}` } };
    const result = await nodes(card("base_model: o/m0"), handHub(models));
    expect(result.at(-1)).toEqual([`o/m${MAX_LINEAGE_DEPTH}`, MAX_LINEAGE_DEPTH + 1, `o/m${MAX_LINEAGE_DEPTH - 1}`, "depth-limit"]);
  });

  it("never sends a value that is not a repo id to the Hub", async () => {
    const hub = handHub({});
    expect(await nodes(card("base_model: ../../api/whoami-v2"), hub)).toEqual([["../../api/whoami-v2", 1, null, "invalid-id"]]);
    expect(hub.calls).toEqual([]);
  });

  it("reports base models and datasets as unverifiable without Hub access, never as found", async () => {
    const facts = await inspectRepo({ "README.md": card("base_model: org/a\ndatasets: [org/d]") });
    expect(ofKind(facts, "lineage.model").map((n) => n.data.status)).toEqual(["unverifiable"]);
    expect(ofKind(facts, "lineage.dataset").map((n) => n.data.status)).toEqual(["unverifiable"]);
  });

  it("looks up datasets: license, gating and PII statements of their cards with lines", async () => {
    const hub = handHub({}, { "org/d": { cardData: { license: "cc-by-nc-4.0" }, gated: "auto", readme: "---\nlicense: cc-by-nc-4.0\n---\n# D\n\nAll e-mail addresses and phone numbers were removed before release.\n" } });
    const [d] = ofKind(await inspectRepo({ "README.md": card("datasets: [org/d, nope/missing]") }, HUB_TARGET, hub), "lineage.dataset");
    expect(d?.data).toMatchObject({ repoId: "org/d", status: "found", license: ["cc-by-nc-4.0"], gated: "auto", hasCard: true });
    expect(d?.data.piiStatements.map((p) => p.line)).toEqual([6]);
  });

  it("uses a gated ancestor's public metadata when its README cannot be read, and follows its base_model", async () => {
    const hub = handHub({ "org/gated": { cardData: { license: "llama3.1", base_model: "org/root" }, gated: "manual", error: "README.md: access to model org/gated is restricted" }, "org/root": { cardData: { license: "llama3.1" } } });
    const models = ofKind(await inspectRepo({ "README.md": card("base_model: org/gated") }, HUB_TARGET, hub), "lineage.model").map((m) => m.data);
    expect(models.map((m) => [m.repoId, m.status, m.license.join(), m.gated])).toEqual([
      ["org/gated", "found", "llama3.1", "manual"],
      ["org/root", "found", "llama3.1", false],
    ]);
    expect(models[0]?.detail).toBe("card text not read: README.md: access to model org/gated is restricted");
  });

  it("reports a Hub error as error with its message, not as found", async () => {
    const hub = { modelInfo: () => Promise.reject(new Error("socket hang up")), datasetInfo: () => Promise.reject(new Error("x")) };
    const [n] = ofKind(await inspectRepo({ "README.md": card("base_model: org/a") }, HUB_TARGET, hub), "lineage.model");
    expect(n?.data).toMatchObject({ status: "error", detail: "socket hang up" });
  });
});

describe("isValidRepoId", () => {
  it("accepts owner/name and legacy single names", () => {
    expect(["gpt2", "meta-llama/Llama-2-7b-hf", "org/model_v1.5"].every(isValidRepoId)).toBe(true);
  });
  it("refuses URLs, paths and ids the Hub forbids", () => {
    expect(["https://huggingface.co/a/b", "a/b/c", "../x", "a/..b", "a--b/c", "-a/b", "a/b.", ""].some(isValidRepoId)).toBe(false);
  });
});
