import { parseSecretPatterns } from "../../inspectors/secrets/secret-patterns.js";
import { defineCheck } from "../../types/check.js";
import { SEVERITIES, type Severity } from "../../types/finding.js";
import type { CheckContext } from "../../types/check.js";
import type { FactOf } from "../../types/fact.js";
import "../../inspectors/secrets/facts.js";

function severityOf(ctx: CheckContext, kind: string): Severity | undefined {
  const s = parseSecretPatterns(ctx.list("secret-patterns")).find((p) => p.kind === kind)?.severity;
  return (SEVERITIES as readonly string[]).includes(s ?? "") ? (s as Severity) : undefined;
}

function report(f: FactOf<"secrets.match">, ctx: CheckContext, rule: string): void {
  const severity = severityOf(ctx, f.data.kind);
  ctx.report({
    rule,
    data: { path: f.artifact?.path ?? "", line: f.data.line, kind: f.data.kind, masked: f.data.masked },
    ...(f.artifact ? { artifact: f.artifact } : {}),
    ...(f.region ? { region: f.region } : {}),
    ...(severity ? { severity } : {}),
    // Fingerprint from kind and position, never from the secret.
    key: `${f.data.kind}\0${f.data.line}\0${f.data.column}`,
  });
}

/** Credentials, at the severity of their pattern (generic high-entropy assignments are medium). */
export const secretCredential = defineCheck({
  name: "secret-credential",
  consumes: ["secrets.match"],
  check(f, ctx) {
    if (!f.data.personal) report(f, ctx, "secret-credential");
  },
});

/** E-mail addresses and phone numbers in data-like files. */
export const secretPersonalData = defineCheck({
  name: "secret-personal-data",
  consumes: ["secrets.match"],
  check(f, ctx) {
    if (f.data.personal) report(f, ctx, "secret-personal-data");
  },
});
