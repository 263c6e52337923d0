import { describe, expect, it } from "vitest";
import { isOwnerName, isPinned, parseHfUrl, parseHubId, parseHubUrl } from "../../src/discover/hub-id.js";
import { loadDiscoverLists } from "../../src/discover/lists.js";

const lists = loadDiscoverLists();
const model = { kind: "model" as const, allowBare: false };

describe("Hub id grammar", () => {
  it("accepts owner/name with letters, digits, -, _ and .", () => {
    for (const id of ["openai-community/gpt2", "Qwen/Qwen2.5-7B-Instruct", "timm/vit_base_patch16_224.augreg_in21k", "a/b"]) expect(isOwnerName(id), id).toBe(true);
  });

  it("refuses what the Hub refuses: --, .., a leading or trailing - or ., .git, more than 96 characters, extra segments", () => {
    for (const id of ["acme/a--b", "acme/a..b", "acme/-x", "acme/x.", "acme/x.git", `acme/${"x".repeat(97)}`, "a/b/c", "/x", "acme/", "ac me/x"]) expect(isOwnerName(id), id).toBe(false);
  });

  it("counts only a full 40-hex lowercase commit as pinned", () => {
    expect(isPinned("e7da7f221d5bf496a48136c0cd264e630fe9fcc8")).toBe(true);
    for (const r of [null, "main", "v1.0", "e7da7f2", "E7DA7F221D5BF496A48136C0CD264E630FE9FCC8"]) expect(isPinned(r), String(r)).toBe(false);
  });

  it("reads timm hf_hub: and open_clip hf-hub: prefixes", () => {
    expect(parseHubId("hf_hub:timm/resnet50.a1_in1k", lists, model)?.id).toBe("timm/resnet50.a1_in1k");
    expect(parseHubId("hf-hub:laion/CLIP-ViT-B-32-laion2B-s34B-b79K", lists, model)?.id).toBe("laion/CLIP-ViT-B-32-laion2B-s34B-b79K");
  });

  it("reads hf:// URLs with kind, percent-encoded revision and file path; leaves spaces out", () => {
    expect(parseHfUrl("hf://datasets/acme/ds@refs%2Fconvert%2Fparquet/x.parquet")).toEqual({ id: "acme/ds", kind: "dataset", revision: "refs/convert/parquet" });
    expect(parseHfUrl("hf://acme/m/config.json")).toEqual({ id: "acme/m", kind: "model", revision: null });
    expect(parseHfUrl("hf://spaces/acme/demo/app.py")).toBeUndefined();
  });

  it("accepts a bare name only from the canonical list and only where allowed", () => {
    expect(parseHubId("gpt2", lists, { kind: "model", allowBare: true })?.id).toBe("gpt2");
    expect(parseHubId("gpt2", lists, model)).toBeUndefined();
    expect(parseHubId("my_model", lists, { kind: "model", allowBare: true })).toBeUndefined();
    expect(parseHubId("csv", lists, { kind: "dataset", allowBare: true })).toBeUndefined();
    expect(parseHubId("squad", lists, { kind: "dataset", allowBare: true })?.id).toBe("squad");
  });

  it("does not take checkpoint folders, weight files or gateway-routed API models for Hub repos", () => {
    for (const v of ["checkpoints/run-3", "outputs/final", "weights/model.safetensors", "ollama/llama3", "bedrock/anthropic.claude-v2", "openai/gpt-4o"]) expect(parseHubId(v, lists, model), v).toBeUndefined();
    expect(parseHubId("openai/whisper-large-v3", lists, model)?.id).toBe("openai/whisper-large-v3");
  });

  it("reads Hub web and download URLs (revision from /resolve/, datasets, Ollama's hf.co/…:quant) and refuses site pages and spaces", () => {
    expect(parseHubUrl("https://huggingface.co/acme/m/resolve/refs%2Fpr%2F3/model.safetensors", lists)).toEqual({ id: "acme/m", kind: "model", revision: "refs/pr/3" });
    expect(parseHubUrl("https://huggingface.co/datasets/acme/d/blob/main/x.csv", lists)).toEqual({ id: "acme/d", kind: "dataset", revision: "main" });
    expect(parseHubUrl("hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M", lists)?.id).toBe("bartowski/Llama-3.2-1B-Instruct-GGUF");
    expect(parseHubUrl("https://huggingface.co/acme/m.git", lists)?.id).toBe("acme/m");
    for (const u of ["https://huggingface.co/docs/transformers", "https://huggingface.co/spaces/acme/demo", "https://huggingface.co/acme", "https://huggingface.co/blog/x"]) expect(parseHubUrl(u, lists), u).toBeUndefined();
  });
});
