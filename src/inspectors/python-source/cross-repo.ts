import { errorMessage } from "../../errors.js";
import { MAX_REMOTE_CODE_REPOS } from "../../limits.js";
import { fact, type FactOf } from "../../types/fact.js";
import type { RepoInspector } from "../../types/inspector.js";
import type { CrossRepoStatus } from "./facts.js";

/**
 * Follows every `owner/repo--module.Class` reference to the Hub: does the other repo exist, and
 * at which commit its default branch is now (the code a loader would fetch today). A reference to
 * a repo that does not exist is worse than a broken load: whoever creates that repo decides what
 * code runs (THREATS.md B28). Local targets and offline scans say the repo was not looked up.
 */
export const crossRepoLookup: RepoInspector = {
  name: "remote-code-cross-repo",
  async *inspectRepo(facts, ctx) {
    const repos = [...new Set(facts.flatMap((f) => (f.kind === "remote-code.reference" && f.data.repo ? [f.data.repo] : [])))].sort();
    for (const [i, repo] of repos.entries()) {
      let status: CrossRepoStatus;
      if (!ctx.hub) status = { repo, state: "not-looked-up", detail: ctx.target.kind === "hub" ? "no Hub access for lookups" : "local target: the other repo was not looked up on the Hub" };
      else if (i >= MAX_REMOTE_CODE_REPOS) status = { repo, state: "not-looked-up", detail: `more than MAX_REMOTE_CODE_REPOS (${MAX_REMOTE_CODE_REPOS}) other repos referenced` };
      else {
        try {
          const info = await ctx.hub.modelInfo(repo);
          if (!info.found) status = { repo, state: "not-found", detail: "no such repository on the Hub" };
          else if (info.error) status = { repo, state: info.gated ? "gated" : "error", detail: info.error.slice(0, 200) };
          else status = { repo, state: "found", ...(info.sha ? { sha: info.sha } : {}) };
        } catch (e) {
          status = { repo, state: "error", detail: errorMessage(e).slice(0, 200) };
        }
      }
      const ref = facts.find((f): f is FactOf<"remote-code.reference"> => f.kind === "remote-code.reference" && f.data.repo === repo);
      yield fact("remote-code.cross-repo", status, ref?.artifact);
    }
  },
};
