import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { hfEnvironment } from "../../src/sources/hf-env.js";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});
function temp(): string {
  dir = mkdtempSync(join(tmpdir(), "modelgate-hfenv-"));
  return dir;
}

describe("hfEnvironment: the variables huggingface_hub honours, with its precedence", () => {
  it("defaults to huggingface.co, online, and the cache under HF_HOME/hub", () => {
    const home = temp();
    expect(hfEnvironment({ HF_HOME: home })).toEqual({ hubUrl: "https://huggingface.co", offline: false, cacheDir: join(home, "hub") });
  });

  it("falls back to XDG_CACHE_HOME, then ~/.cache", () => {
    const xdg = temp();
    expect(hfEnvironment({ XDG_CACHE_HOME: xdg }).cacheDir).toBe(join(xdg, "huggingface", "hub"));
    expect(hfEnvironment({ XDG_CACHE_HOME: xdg, HF_HOME: "/h" }).cacheDir).toBe(join("/h", "hub"));
    expect(hfEnvironment({ HF_TOKEN_PATH: join(xdg, "none") }).cacheDir).toBe(join(homedir(), ".cache", "huggingface", "hub"));
  });

  it("takes HF_HUB_CACHE over HUGGINGFACE_HUB_CACHE over HF_HOME", () => {
    const home = temp();
    expect(hfEnvironment({ HF_HOME: home, HUGGINGFACE_HUB_CACHE: "/old", HF_HUB_CACHE: "/new" }).cacheDir).toBe("/new");
    expect(hfEnvironment({ HF_HOME: home, HUGGINGFACE_HUB_CACHE: "/old" }).cacheDir).toBe("/old");
  });

  it("reads HF_ENDPOINT without its trailing slash", () => {
    expect(hfEnvironment({ HF_HOME: temp(), HF_ENDPOINT: "http://127.0.0.1:8080/" }).hubUrl).toBe("http://127.0.0.1:8080");
  });

  it.each([["1"], ["true"], ["YES"], ["on"]])("reads HF_HUB_OFFLINE=%s as offline", (v) => {
    expect(hfEnvironment({ HF_HOME: temp(), HF_HUB_OFFLINE: v }).offline).toBe(true);
  });

  it.each([["0"], ["false"], [""]])("reads HF_HUB_OFFLINE=%s as online", (v) => {
    expect(hfEnvironment({ HF_HOME: temp(), HF_HUB_OFFLINE: v }).offline).toBe(false);
  });

  it("takes HF_TOKEN over HUGGING_FACE_HUB_TOKEN over the stored login token", () => {
    const home = temp();
    writeFileSync(join(home, "token"), "hf_stored\n");
    expect(hfEnvironment({ HF_HOME: home }).token).toBe("hf_stored");
    expect(hfEnvironment({ HF_HOME: home, HUGGING_FACE_HUB_TOKEN: "hf_legacy" }).token).toBe("hf_legacy");
    expect(hfEnvironment({ HF_HOME: home, HUGGING_FACE_HUB_TOKEN: "hf_legacy", HF_TOKEN: " hf_env " }).token).toBe("hf_env");
  });

  it("reads the stored token from HF_TOKEN_PATH, and has none when no file exists", () => {
    const home = temp();
    writeFileSync(join(home, "elsewhere"), "hf_path");
    expect(hfEnvironment({ HF_HOME: home, HF_TOKEN_PATH: join(home, "elsewhere") }).token).toBe("hf_path");
    expect(hfEnvironment({ HF_HOME: home }).token).toBeUndefined();
  });
});
