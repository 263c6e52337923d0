import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import "../../inspectors/onnx/facts.js";
import { listEntries } from "./list-entries.js";

export const onnxCustomOperator = defineCheck({
  name: "onnx-custom-operator",
  consumes: ["onnx.operator"],
  check(f, ctx) {
    if (!f.artifact || f.data.localFunction) return;
    const standard = new Set(listEntries(ctx.list("onnx-standard-domains"), "onnx-standard-domains", ["domain"]).map((e) => e.domain));
    if (standard.has(f.data.domain)) return;
    const data = { path: refToString(f.artifact), domain: f.data.domain, opType: f.data.opType, count: f.data.count, node: f.data.node };
    ctx.report({ artifact: f.artifact, ...(f.region ? { region: f.region } : {}), data, key: `${f.data.domain}::${f.data.opType}`, evidence: [{ text: `${f.data.count} node(s) of ${f.data.domain}::${f.data.opType}`, artifact: f.artifact }] });
  },
});
