import { refToString } from "../../types/artifact.js";
import { defineCheck, type Check } from "../../types/check.js";

/**
 * The rule messages start with the path already; download and reader errors often start with it
 * too ("weights/part.bin: the Hub answered HTTP 500"), which would print it twice.
 */
function withoutPath(message: string, path: string): string {
  return message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
}

/** Turns the engine's own failure facts into findings; one rule per failure kind. */
export const generalUnparseable = defineCheck({
  name: "general-unparseable",
  consumes: ["scan.parse-error"],
  check(f, ctx) {
    const path = f.artifact ? refToString(f.artifact) : "(target)";
    const at = f.region?.byteOffset !== undefined ? ` (at byte ${f.region.byteOffset})` : "";
    ctx.report({ data: { path, message: withoutPath(f.data.message, path) + at }, ...(f.artifact ? { artifact: f.artifact } : {}), ...(f.region ? { region: f.region } : {}) });
  },
});

export const generalLimitExceeded = defineCheck({
  name: "general-limit-exceeded",
  consumes: ["scan.limit-exceeded"],
  check(f, ctx) {
    const path = f.artifact ? refToString(f.artifact) : "(target)";
    ctx.report({ data: { path, message: withoutPath(f.data.message, path) }, ...(f.artifact ? { artifact: f.artifact } : {}) });
  },
});

export const generalUnreadable = defineCheck({
  name: "general-unreadable",
  consumes: ["scan.unreadable"],
  check(f, ctx) {
    const path = f.artifact ? refToString(f.artifact) : "(target)";
    ctx.report({ data: { path, message: withoutPath(f.data.message, path) }, ...(f.artifact ? { artifact: f.artifact } : {}) });
  },
});

export const generalInspectorFailed = defineCheck({
  name: "general-inspector-failed",
  consumes: ["scan.inspector-failed"],
  check(f, ctx) {
    const path = f.artifact ? refToString(f.artifact) : "(target)";
    ctx.report({
      data: { path, inspector: f.data.inspector, message: withoutPath(f.data.message, path) },
      ...(f.artifact ? { artifact: f.artifact } : {}),
    });
  },
});

export const scanProblemChecks: readonly Check[] = [generalUnparseable, generalLimitExceeded, generalUnreadable, generalInspectorFailed];
