import { createHash } from "node:crypto";
import { MAX_FINDINGS_PER_RULE_PER_ARTIFACT } from "../limits.js";
import type { RuleMeta } from "../catalog/rule.js";
import { refToString } from "../types/artifact.js";
import type { Check, CheckContext, ReportInput } from "../types/check.js";
import type { Fact, FactKind } from "../types/fact.js";
import type { Finding } from "../types/finding.js";
import type { RepoFile, ScanTarget } from "../types/source.js";
import { formatMessage } from "./message.js";

export interface RunChecksParams {
  checks: readonly Check[];
  rules: readonly RuleMeta[];
  facts: readonly Fact[];
  files: readonly RepoFile[];
  target: ScanTarget;
  list(name: string): unknown;
  /** Rule names the policy disabled. */
  disabled?: ReadonlySet<string>;
}

export interface RunChecksResult {
  findings: Finding[];
  /** Checks that threw: their artifacts count as not fully checked. */
  failures: { check: string; message: string }[];
}

function fingerprint(ruleId: string, path: string, key: string): string {
  return createHash("sha256").update(`${ruleId}\0${path}\0${key}`).digest("hex").slice(0, 32);
}

/** Dispatches facts to the checks that consume them and collects their findings. Pure: no I/O. */
export function runChecks(params: RunChecksParams): RunChecksResult {
  const byName = new Map(params.rules.map((r) => [r.name, r]));
  const findings: Finding[] = [];
  const failures: RunChecksResult["failures"] = [];
  const perRuleArtifact = new Map<string, number>();
  const seen = new Set<string>();

  const contextFor = (check: Check): CheckContext => ({
    facts: params.facts,
    files: params.files,
    target: params.target,
    list: params.list,
    report(input: ReportInput): void {
      const ruleName = input.rule ?? check.name;
      const rule = byName.get(ruleName);
      if (!rule) throw new Error(`check ${check.name} reported unknown rule "${ruleName}"`);
      if (params.disabled?.has(rule.name) || params.disabled?.has(rule.id)) return;
      const path = input.artifact ? refToString(input.artifact) : "";
      const countKey = `${rule.id}\0${path}`;
      const count = (perRuleArtifact.get(countKey) ?? 0) + 1;
      perRuleArtifact.set(countKey, count);
      if (count > MAX_FINDINGS_PER_RULE_PER_ARTIFACT) return;
      const template = rule.messages[input.messageId ?? "default"] ?? rule.messages["default"] ?? rule.summary;
      const key = input.key ?? formatMessage(template, input.data);
      const fp = fingerprint(rule.id, path, key);
      if (seen.has(fp)) return;
      seen.add(fp);
      const finding: Finding = {
        ruleId: rule.id,
        ruleName: rule.name,
        severity: input.severity ?? rule.severity,
        message: formatMessage(template, input.data),
        evidence: input.evidence ?? [],
        fingerprint: fp,
      };
      if (input.artifact) finding.artifact = input.artifact;
      if (input.region) finding.region = input.region;
      if (input.advisories && input.advisories.length > 0) finding.advisories = input.advisories;
      findings.push(finding);
    },
  });

  const consumers = new Map<FactKind, Check[]>();
  for (const c of params.checks) for (const k of c.consumes) consumers.set(k, [...(consumers.get(k) ?? []), c]);
  const contexts = new Map(params.checks.map((c) => [c, contextFor(c)]));
  const broken = new Set<Check>();

  const guarded = (c: Check, fn: () => void): void => {
    if (broken.has(c)) return;
    try {
      fn();
    } catch (e) {
      broken.add(c);
      failures.push({ check: c.name, message: e instanceof Error ? e.message : String(e) });
    }
  };

  for (const f of params.facts) {
    for (const c of consumers.get(f.kind) ?? []) {
      const ctx = contexts.get(c);
      if (ctx && c.check) guarded(c, () => c.check?.(f as never, ctx));
    }
  }
  for (const c of params.checks) {
    const ctx = contexts.get(c);
    if (ctx && c.finish) guarded(c, () => c.finish?.(ctx));
  }
  return { findings, failures };
}
