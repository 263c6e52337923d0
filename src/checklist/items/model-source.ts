import type { Evidence } from "../../types/finding.js";
import type { FactOf } from "../../types/fact.js";
import { evaluateByFindings } from "../by-findings.js";
import type { ItemEvaluator } from "../item-context.js";
import type { ScanTarget } from "../../types/source.js";

function describe(info: FactOf<"source.model">["data"]): Evidence[] {
  const lines: string[] = [];
  if (info.hubUrl && info.repoId) lines.push(`repository: ${info.hubUrl.replace(/\/$/, "")}/${info.repoId}`);
  if (info.owner) lines.push(`owner: ${info.owner}`);
  if (info.commitSha) lines.push(`pinned commit: ${info.commitSha}${info.revision && info.revision !== info.commitSha ? ` (resolved from "${info.revision}")` : ""}`);
  if (info.gated !== undefined) lines.push(`gated: ${info.gated === false ? "no" : info.gated}`);
  if (info.private !== undefined) lines.push(`private: ${info.private ? "yes" : "no"}`);
  if (info.createdAt) lines.push(`created: ${info.createdAt}`);
  if (info.lastModified) lines.push(`last modified: ${info.lastModified}`);
  if (info.libraryName) lines.push(`library: ${info.libraryName}`);
  if (info.pipelineTag) lines.push(`pipeline: ${info.pipelineTag}`);
  if (info.hubSecurity) {
    const issues = info.hubSecurity.filesWithIssues;
    lines.push(
      `Hub security scan: ${info.hubSecurity.scansDone === false ? "not finished" : "done"}; ` +
        (issues.length === 0 ? "no file flagged" : issues.map((i) => `${i.path} (${i.level})`).join(", ")),
    );
  }
  return lines.map((text) => ({ text }));
}

/** An HF cache snapshot names repo and commit, but the Hub's own metadata needs the network. */
function cacheEvidence(target: ScanTarget, info: FactOf<"source.model">["data"]): Evidence[] {
  const pin = `${target.repoId ?? "owner/name"}@${target.commitSha?.slice(0, 12) ?? "<commit>"}`;
  if (target.kind === "hf-cache") return [{ text: `HF cache snapshot, scanned offline: gating, dates and the Hub's security scan need a Hub scan (${pin})` }];
  // HF_HUB_OFFLINE: a Hub target read from the cache has no model info at all (gated is always set online).
  if (target.kind === "hub" && info.gated === undefined) return [{ text: `HF_HUB_OFFLINE: scanned from the local cache; gating, dates and the Hub's security scan need an online scan (${pin})` }];
  return [];
}

/** Item 1: where the model comes from. A Hub target pinned to a commit passes unless a finding says otherwise. */
export const modelSource: ItemEvaluator = (ctx) => {
  const info = ctx.facts.find((f): f is FactOf<"source.model"> => f.kind === "source.model")?.data;
  if (!info) {
    return {
      status: "review",
      summary: "local files with no Hub provenance; confirm where they came from (or scan with --against owner/name@revision)",
      evidence: [{ text: `scanned ${ctx.target.kind === "local-file" ? "file" : "folder"}: ${ctx.target.input}` }],
    };
  }
  const evidence = [...describe(info), ...cacheEvidence(ctx.target, info)];
  const byFindings = evaluateByFindings(ctx, evidence);
  if (byFindings.status !== "pass") return { ...byFindings, evidence: [...byFindings.evidence, ...evidence] };
  if (!info.commitSha) return { status: "review", summary: "the revision could not be pinned to a commit", evidence };
  return { status: "pass", summary: `${info.repoId} pinned to ${info.commitSha.slice(0, 12)}`, evidence };
};
