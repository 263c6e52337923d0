import { refToString } from "../../types/artifact.js";
import { defineCheck } from "../../types/check.js";
import "../../inspectors/keras/facts.js";
import { dangerousReference, safeModule, whereText } from "./keras-lists.js";

/** Dangerous references (denylist, critical) win over custom objects (outside the Keras allowlist, high). */
export const kerasReferences = defineCheck({
  name: "keras-dangerous-reference",
  alsoReports: ["keras-custom-object"],
  consumes: ["keras.reference"],
  check(f, ctx) {
    if (!f.artifact) return;
    const path = refToString(f.artifact);
    const region = f.region ? { region: f.region } : {};
    const r = f.data;
    const danger = dangerousReference(r.ref, ctx.list);
    const where = whereText(r.layer);
    if (danger) {
      ctx.report({
        artifact: f.artifact,
        ...region,
        data: { path, ref: r.ref, where, reason: danger.reason, advisory: danger["advisory"] && !danger.reason.includes(danger["advisory"]) ? ` (${danger["advisory"]})` : "" },
        key: r.ref,
        evidence: [{ text: `${r.kind} ${r.ref} at ${r.pointer || "/"} (${r.count} use(s))`, artifact: f.artifact }],
      });
      return;
    }
    if (r.module === "" ? r.registeredName !== undefined : !safeModule(r.module, ctx.list)) {
      ctx.report({
        rule: "keras-custom-object",
        artifact: f.artifact,
        ...region,
        data: { path, kind: r.kind, ref: r.ref, where },
        key: r.ref,
        evidence: [{ text: `${r.kind} ${r.ref}${r.registeredName ? ` registered as ${r.registeredName}` : ""} at ${r.pointer || "/"} (${r.count} use(s))`, artifact: f.artifact }],
      });
    }
  },
});
