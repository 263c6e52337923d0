import { describe, expect, it } from "vitest";
import { globToRegExp } from "../../src/policy/glob.js";

const matches = (glob: string, path: string): boolean => globToRegExp(glob).test(path);

describe("globToRegExp", () => {
  it("matches a literal path exactly", () => {
    expect(matches("model.safetensors", "model.safetensors")).toBe(true);
    expect(matches("model.safetensors", "sub/model.safetensors")).toBe(false);
  });

  it("keeps * inside one folder", () => {
    expect(matches("*.bin", "pytorch_model.bin")).toBe(true);
    expect(matches("*.bin", "sub/pytorch_model.bin")).toBe(false);
  });

  it("keeps ? to one character inside one folder", () => {
    expect(matches("model-0000?.bin", "model-00001.bin")).toBe(true);
    expect(matches("a?b", "a/b")).toBe(false);
  });

  it("lets **/ match no folder or any number of folders", () => {
    expect(matches("**/config.json", "config.json")).toBe(true);
    expect(matches("**/config.json", "a/b/config.json")).toBe(true);
  });

  it("does not let **/ match inside a file name", () => {
    expect(matches("**/config.json", "evil-config.json")).toBe(false);
  });

  it("lets a trailing ** match everything below a folder", () => {
    expect(matches("onnx/**", "onnx/model.onnx")).toBe(true);
    expect(matches("onnx/**", "onnx/sub/weights.pb")).toBe(true);
    expect(matches("onnx/**", "onnx_extra/model.onnx")).toBe(false);
  });

  it("treats regular-expression characters as literal", () => {
    expect(matches("model(1).bin", "model(1).bin")).toBe(true);
    expect(matches("a.b", "axb")).toBe(false);
    expect(matches("x+", "xx")).toBe(false);
  });
});
