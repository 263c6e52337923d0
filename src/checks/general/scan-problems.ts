import { refToString } from "../../types/artifact.js";
import { defineCheck, type Check } from "../../types/check.js";

/** Turns the engine's own failure facts into findings; one rule per failure kind. */
export const generalUnparseable = defineCheck({
  name: "general-unparseable",
  consumes: ["scan.parse-error"],
  check(f, ctx) {
    const path = f.artifact ? refToString(f.artifact) : "(target)";
    const at = f.region?.byteOffset !== undefined ? ` (at byte ${f.region.byteOffset})` : "";
    ctx.report({ data: { path, message: f.data.message + at }, ...(f.artifact ? { artifact: f.artifact } : {}), ...(f.region ? { region: f.region } : {}) });
  },
});

export const generalLimitExceeded = defineCheck({
  name: "general-limit-exceeded",
  consumes: ["scan.limit-exceeded"],
  check(f, ctx) {
    ctx.report({ data: { path: f.artifact ? refToString(f.artifact) : "(target)", message: f.data.message }, ...(f.artifact ? { artifact: f.artifact } : {}) });
  },
});

export const generalUnreadable = defineCheck({
  name: "general-unreadable",
  consumes: ["scan.unreadable"],
  check(f, ctx) {
    ctx.report({ data: { path: f.artifact ? refToString(f.artifact) : "(target)", message: f.data.message }, ...(f.artifact ? { artifact: f.artifact } : {}) });
  },
});

export const generalInspectorFailed = defineCheck({
  name: "general-inspector-failed",
  consumes: ["scan.inspector-failed"],
  check(f, ctx) {
    ctx.report({
      data: { path: f.artifact ? refToString(f.artifact) : "(target)", inspector: f.data.inspector, message: f.data.message },
      ...(f.artifact ? { artifact: f.artifact } : {}),
    });
  },
});

export const scanProblemChecks: readonly Check[] = [generalUnparseable, generalLimitExceeded, generalUnreadable, generalInspectorFailed];
