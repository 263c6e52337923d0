import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import { SEVERITIES, type Severity } from "../../types/finding.js";
import "../../inspectors/savedmodel/facts.js";
import { listEntries } from "../onnx/list-entries.js";

function severityOf(s: string | undefined): Severity | undefined {
  return (SEVERITIES as readonly string[]).includes(s ?? "") ? (s as Severity) : undefined;
}

export const savedmodelDangerousOp = defineCheck({
  name: "savedmodel-dangerous-op",
  consumes: ["savedmodel.op"],
  check(f, ctx) {
    if (!f.artifact) return;
    const entry = listEntries(ctx.list("tf-dangerous-ops"), "tf-dangerous-ops", ["op"]).find((e) => e.op === f.data.op);
    if (!entry) return;
    // TF2 saver plumbing lives in `__inference__traced_save_N` functions, TF1 in the `save/` scope.
    const context = f.data.function ?? f.data.node.split("/")[0] ?? "";
    if (entry["allowedIn"] && new RegExp(entry["allowedIn"]).test(context)) return;
    const where = f.data.function ? `function ${f.data.function}` : "the main graph";
    const severity = severityOf(entry["severity"]);
    ctx.report({
      artifact: f.artifact,
      ...(f.region ? { region: f.region } : {}),
      ...(severity ? { severity } : {}),
      data: { path: refToString(f.artifact), op: f.data.op, where, count: f.data.count, node: f.data.node, reason: entry.reason },
      key: `${f.data.op}\0${f.data.function ?? ""}\0${context}`,
      evidence: [{ text: `${f.data.op} (${entry["class"] ?? "dangerous"}) at node "${f.data.node}" in ${where}`, artifact: f.artifact }],
    });
  },
});
