import { defineCheck } from "../../types/check.js";
import type { CrossRepoStatus } from "../../inspectors/python-source/facts.js";
import type { FactOf } from "../../types/fact.js";

function statusText(s: CrossRepoStatus | undefined): string {
  if (!s) return "";
  switch (s.state) {
    case "found":
      return s.sha ? ` (now at commit ${s.sha.slice(0, 12)}; a later push there changes what runs here)` : "";
    case "not-found":
      return "; that repo does not exist on the Hub, so whoever creates it decides what code runs";
    case "not-looked-up":
      return s.detail ? ` (${s.detail})` : "";
    default:
      return ` (${s.state}${s.detail ? `: ${s.detail}` : ""})`;
  }
}

/** A `owner/repo--module.Class` reference: code from another repo, unpinned (THREATS.md B28). */
export const remoteCodeCrossRepo = defineCheck({
  name: "remote-code-cross-repo",
  consumes: ["remote-code.reference"],
  check(f, ctx) {
    if (!f.data.repo) return;
    const repo = f.data.repo;
    const status = ctx.facts.find((x): x is FactOf<"remote-code.cross-repo"> => x.kind === "remote-code.cross-repo" && x.data.repo === repo)?.data;
    ctx.report({
      data: { source: f.data.source, key: f.data.key, module: f.data.module, repo, status: statusText(status) },
      ...(f.artifact ? { artifact: f.artifact } : {}),
      // A missing repo can be registered by anyone: the reference is an open door, not just a moving target.
      ...(status?.state === "not-found" ? { severity: "critical" as const } : {}),
      key: `${f.data.key}\0${repo}\0${f.data.module}`,
    });
  },
});
