import { writeFileSync } from "node:fs";
import { Command, Option } from "commander";
import { diffRevisions } from "../src/diff/diff-revisions.js";
import { DIFF_FORMATS, renderDiff, type DiffFormat } from "../src/diff/render-diff.js";
import { ConfigError } from "../src/errors.js";
import { parseHubRef } from "../src/sources/hub-ref.js";
import { hfEnvironment } from "../src/sources/hf-env.js";
import { SEVERITIES, severityRank, type Severity } from "../src/types/finding.js";
import { ExitSignal } from "./exit-signal.js";
import type { CliIo } from "./io.js";
import { redact } from "./redact.js";

interface DiffOptions {
  token?: string;
  format?: DiffFormat;
  output?: string;
  findings: boolean;
  failOn: Severity | "none";
}

/** `modelgate diff <id>@<revA> [<revB>]`: what changed between two revisions of a Hub model. */
export function registerDiffCommand(program: Command, io: CliIo): void {
  program
    .command("diff")
    .description("what changed between two revisions of a Hub model: files, formats, remote code, chat template, card, findings")
    .argument("<id@revA>", "owner/name@revision (branch, tag or commit)")
    .argument("[revB]", "the revision to compare with (default: the head of main when revA is a commit, else revA's current head)")
    .option("--token <token>", "Hugging Face token (default: $HF_TOKEN)")
    .addOption(new Option("--format <format>", "output format (default text, or from the --output extension)").choices([...DIFF_FORMATS]))
    .option("-o, --output <file>", "write the diff to a file")
    .option("--no-findings", "do not scan both revisions (metadata only) to compare their findings")
    .addOption(new Option("--fail-on <severity>", "exit 1 when a change or an appeared finding is at or above this severity").choices([...SEVERITIES, "none"]).default("high"))
    .addHelpText("after", ["", "Exit codes: 0 nothing at or above --fail-on changed; 1 something did; 2 error.", "", "Example:", "  modelgate diff acme/model@0c8c7bd680b752e85526da71da36a08801ab8c3a main"].join("\n"))
    .action(async (spec: string, revB: string | undefined, opts: DiffOptions) => {
      const ref = parseHubRef(spec);
      if (!ref?.revision) throw new ConfigError(`"${spec}": expected owner/name@revision`);
      const env = hfEnvironment(io.env);
      if (env.offline) throw new ConfigError("HF_HUB_OFFLINE is set: diff compares revisions on the Hub");
      const token = opts.token ?? env.token;
      const d = await diffRevisions({ repoId: ref.repoId, revA: ref.revision, ...(revB ? { revB } : {}), hubUrl: env.hubUrl, ...(token ? { token } : {}), findings: opts.findings });
      const format = opts.format ?? (opts.output && /\.json$/i.test(opts.output) ? "json" : opts.output && /\.(md|markdown)$/i.test(opts.output) ? "markdown" : "text");
      const text = redact(renderDiff(format, d), [token ?? ""]);
      if (opts.output) {
        try {
          writeFileSync(opts.output, text);
        } catch (e) {
          throw new ConfigError(`cannot write ${opts.output}: ${(e as Error).message}`);
        }
      } else io.stdout.write(text);
      const severities = [...d.findings.map((f) => f.severity), ...(d.scanFindings?.appeared ?? []).map((f) => f.severity)];
      const failed = opts.failOn !== "none" && severities.some((s) => severityRank(s) >= severityRank(opts.failOn as Severity));
      throw new ExitSignal(failed ? 1 : 0);
    });
}
