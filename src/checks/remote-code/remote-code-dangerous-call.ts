import { parseDangerList } from "../../inspectors/python-source/danger-patterns.js";
import { defineCheck } from "../../types/check.js";
import { SEVERITIES, type Severity } from "../../types/finding.js";

function asSeverity(s: string | undefined): Severity | undefined {
  return (SEVERITIES as readonly string[]).includes(s ?? "") ? (s as Severity) : undefined;
}

/** Each dangerous call in shipped Python, at its category's severity from the pattern list. */
export const remoteCodeDangerousCall = defineCheck({
  name: "remote-code-dangerous-call",
  consumes: ["remote-code.dangerous-call"],
  check(f, ctx) {
    const list = parseDangerList(ctx.list("python-danger-patterns"));
    const severity = asSeverity(list.categories.get(f.data.category)?.severity);
    const path = f.artifact?.path ?? "";
    ctx.report({
      data: { path, line: f.data.line, name: f.data.name, category: f.data.category, reason: f.data.reason },
      ...(f.artifact ? { artifact: f.artifact } : {}),
      ...(f.region ? { region: f.region } : {}),
      ...(severity ? { severity } : {}),
      key: `${f.data.line}:${f.data.column}:${f.data.name}`,
    });
  },
});
