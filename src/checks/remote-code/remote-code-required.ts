import { defineCheck } from "../../types/check.js";
import type { FactOf } from "../../types/fact.js";
import { describeModule, loaderModules } from "./loader-modules.js";

const MAX_LISTED = 12;

function list(items: readonly string[]): string {
  return items.length > MAX_LISTED ? `${items.slice(0, MAX_LISTED).join(", ")}, … ${items.length - MAX_LISTED} more` : items.join(", ");
}

/**
 * One finding per repo that needs trust_remote_code: the modules a loader would import and where
 * each comes from. Low severity on purpose: custom code with no dangerous pattern is "needs human
 * review" in checklist item 6, not a failure.
 */
export const remoteCodeRequired = defineCheck({
  name: "remote-code-required",
  consumes: [],
  finish(ctx) {
    const refs = ctx.facts.filter((f): f is FactOf<"remote-code.reference"> => f.kind === "remote-code.reference");
    const modules = loaderModules(ctx.facts);
    if (modules.length > 0) {
      const first = refs[0];
      ctx.report({
        data: { count: modules.length, modules: list(modules.map(describeModule)) },
        ...(first?.artifact ? { artifact: first.artifact } : {}),
        evidence: modules.map((m) => ({ text: `${describeModule(m)} via ${m.via}`, ...(m.local && m.present ? { artifact: { path: m.file } } : {}) })),
        key: "modules",
      });
      return;
    }
    const files = ctx.facts.filter((f): f is FactOf<"remote-code.python-file"> => f.kind === "remote-code.python-file").map((f) => f.data.path);
    if (files.length === 0) return;
    ctx.report({
      messageId: "files",
      data: { count: files.length, files: list(files) },
      evidence: files.map((p) => ({ text: p, artifact: { path: p } })),
      key: "files",
    });
  },
});
