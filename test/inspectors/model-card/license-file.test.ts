import { describe, expect, it } from "vitest";
import { fixture, inspectRepo, only } from "./harness.js";

const identify = async (path: string, text: string) => only(await inspectRepo({ [path]: text }), "license.file").data;

describe("LICENSE file inspector", () => {
  it("recognises the Llama 2 community license", async () => {
    expect((await identify("LICENSE.txt", fixture("meta-llama__Llama-2-7b-hf", "LICENSE.txt"))).identified).toBe("llama2");
  });

  it("recognises CC BY-NC 4.0 (Infi-MM ships it under a card that says mit)", async () => {
    expect((await identify("LICENSE", fixture("Infi-MM__infimm-zephyr", "LICENSE"))).identified).toBe("cc-by-nc-4.0");
  });

  it("leaves a custom license unidentified but keeps its title", async () => {
    const info = await identify("LICENSE.md", fixture("stabilityai__stable-diffusion-3.5-large", "LICENSE.md"));
    expect(info.identified).toBeUndefined();
    expect(info.title).toBe("STABILITY AI COMMUNITY LICENSE AGREEMENT");
  });

  it("recognises MIT and Apache 2.0 texts", async () => {
    expect((await identify("LICENSE", "MIT License\n\nCopyright (c) 2024 X\n\nPermission is hereby granted, free of charge, to any person obtaining a copy")).identified).toBe("mit");
    expect((await identify("COPYING", "                                 Apache License\n                           Version 2.0, January 2004")).identified).toBe("apache-2.0");
  });

  it("does not read license-named code files", async () => {
    expect(await inspectRepo({ "license.py": "print('x')" })).toEqual([expect.objectContaining({ kind: "card.training-files" })]);
  });
});
