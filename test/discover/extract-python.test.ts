import { describe, expect, it } from "vitest";
import { extractPython } from "../../src/discover/extract-python.js";
import { loadDiscoverLists } from "../../src/discover/lists.js";
import type { Hit } from "../../src/discover/types.js";

const ctx = { lists: loadDiscoverLists(), isLocalPath: (v: string) => v.startsWith("./") };

function hits(src: string): string[] {
  return extractPython(src, ctx).map((h: Hit) => (h.type === "reference" ? `${h.line} ${h.kind} ${h.id}@${h.revision ?? ""}` : `${h.line} dynamic`));
}

describe("Python extraction", () => {
  it("resolves a constant assigned before the call, and the latest assignment wins", () => {
    expect(hits('from transformers import AutoModel\nM = "acme/a"\nM = "acme/b"\nAutoModel.from_pretrained(M)\n')).toEqual(["4 model acme/b@"]);
  });

  it("does not resolve a name reassigned to a run-time value: it is dynamic", () => {
    expect(hits('M = "acme/a"\nM = pick()\nAutoModel.from_pretrained(M)\n')).toEqual(["3 dynamic"]);
  });

  it("takes an environment lookup's literal default as a reference that may be overridden (also dynamic)", () => {
    expect(hits('import os\nAutoModel.from_pretrained(os.getenv("MODEL", "acme/default"))\n')).toEqual(["2 dynamic", "2 model acme/default@"]);
  });

  it("reports a run-time revision only beside a known repo", () => {
    expect(hits('AutoModel.from_pretrained("acme/a", revision=args.rev)\n')).toEqual(["1 model acme/a@", "1 dynamic"]);
    expect(hits("AutoModel.from_pretrained(args.model, revision=args.rev)\n")).toEqual(["1 dynamic"]);
  });

  it("does not take a name bound to a loaded model for a repo name (pipeline(model=model))", () => {
    expect(hits('from transformers import pipeline, AutoModel\nmodel = AutoModel.from_pretrained("acme/a")\np = pipeline("text-generation", model=model)\n')).toEqual(["2 model acme/a@"]);
  });

  it("counts pipeline only where transformers is imported (other libraries have a pipeline too)", () => {
    expect(hits('from dlt import pipeline\npipeline("x", "acme/not-transformers")\n')).toEqual([]);
  });

  it("ignores a method definition named from_pretrained and its default argument", () => {
    expect(hits('class M:\n    def from_pretrained(cls, name="acme/default-arg"):\n        pass\n')).toEqual([]);
  });

  it("reads a string split over lines by implicit concatenation as one id", () => {
    expect(hits('AutoModel.from_pretrained(\n    "acme/"\n    "split-name"\n)\n')).toEqual(["2 model acme/split-name@"]);
  });

  it("keeps the dataset kind of hf_hub_download(repo_type='dataset') and leaves spaces out", () => {
    expect(hits('hf_hub_download("acme/d", "f.csv", repo_type="dataset")\nhf_hub_download("acme/s", "app.py", repo_type="space")\n')).toEqual(["1 dataset acme/d@"]);
  });

  it("treats a local path as no reference", () => {
    expect(hits('AutoModel.from_pretrained("./acme/local")\n')).toEqual([]);
  });
});
