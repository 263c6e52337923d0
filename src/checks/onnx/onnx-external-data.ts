import { refToString, rootRef } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import "../../inspectors/onnx/facts.js";
import { hasParentSegment, resolveInRepo } from "../safetensors/repo-path.js";

function dirOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/** Escaping locations (absolute, `..`) and locations naming files the repository does not have. */
export const onnxExternalData = defineCheck({
  name: "onnx-external-data-escape",
  alsoReports: ["onnx-external-data-missing"],
  consumes: ["onnx.external-data"],
  check(f, ctx) {
    if (!f.artifact) return;
    const { tensor, location } = f.data;
    const data = { path: refToString(f.artifact), tensor, location };
    const common = { artifact: f.artifact, ...(f.region ? { region: f.region } : {}), data, key: `${tensor}\0${location}` };
    const resolved = resolveInRepo(dirOf(rootRef(f.artifact).path), location);
    if (resolved === undefined || hasParentSegment(location)) {
      ctx.report({ ...common, evidence: [{ text: `external_data location "${location}"`, artifact: f.artifact }] });
      return;
    }
    // Members of archives and single-file scans have no repository listing to compare with.
    if (f.artifact.parent || ctx.target.kind === "local-file") return;
    if (!ctx.files.some((x) => x.path === resolved)) ctx.report({ ...common, rule: "onnx-external-data-missing", evidence: [{ text: `expected at ${resolved}`, artifact: f.artifact }] });
  },
});
