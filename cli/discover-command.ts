import { writeFileSync } from "node:fs";
import { Option, type Command } from "commander";
import { discover } from "../src/discover/discover.js";
import { DISCOVER_FORMATS, renderDiscover, type DiscoverFormat } from "../src/discover/render.js";
import { ConfigError } from "../src/errors.js";
import { loadPolicy, unknownRuleRefs } from "../src/policy/policy.js";
import { loadRules } from "../src/catalog/load-rules.js";
import { SEVERITIES, type Severity } from "../src/types/finding.js";
import { ExitSignal } from "./exit-signal.js";
import { EXIT, type CliIo } from "./io.js";

interface DiscoverOptions {
  format?: DiscoverFormat;
  output?: string;
  failOn: Severity | "none";
  policy?: string;
  color?: boolean;
}

function formatFromFileName(path: string | undefined): DiscoverFormat | undefined {
  if (!path) return undefined;
  if (/\.sarif(\.json)?$/i.test(path)) return "sarif";
  if (/\.json$/i.test(path)) return "json";
  return undefined;
}

/**
 * `modelgate discover [dir]`: lists every Hub model and dataset a codebase references, statically.
 * Exit 0 when no finding reaches --fail-on (default medium: any unpinned reference fails), 1 when
 * one does, 2 on usage or operational errors.
 */
export function registerDiscoverCommand(program: Command, io: CliIo): void {
  program
    .command("discover")
    .description("find every Hugging Face model and dataset a codebase references (statically; code is never run) and flag unpinned ones")
    .argument("[dir]", "the codebase folder", ".")
    .addOption(new Option("--format <format>", "output format (default: text, or from the --output extension)").choices([...DISCOVER_FORMATS]))
    .option("-o, --output <file>", "write the result to a file instead of stdout")
    .addOption(new Option("--fail-on <severity>", "lowest severity that fails (unpinned references are medium)").choices([...SEVERITIES, "none"]).default("medium"))
    .option("--policy <file>", "policy file (severity overrides, waivers, list extensions such as discover-keys)")
    .option("--no-color", "no colours in text output")
    .addHelpText(
      "after",
      [
        "",
        "Exit codes: 0 no finding at or above --fail-on; 1 a finding at or above it (an unpinned reference, by default);",
        "2 usage or operational error.",
        "",
        "Examples:",
        "  modelgate discover .",
        "  modelgate discover services/api --format json --output models.json",
        "  modelgate discover . --format sarif --output discover.sarif      (upload to GitHub code scanning)",
      ].join("\n"),
    )
    .action((dir: string, opts: DiscoverOptions, command: Command) => {
      const policy = opts.policy ? loadPolicy(opts.policy) : undefined;
      for (const ref of policy ? unknownRuleRefs(policy, loadRules()) : []) io.stderr.write(`modelgate: warning: ${opts.policy}: no rule is called "${ref}"\n`);
      // An explicit --fail-on beats the policy file; commander's default does not.
      const failOn = policy?.failOn && command.getOptionValueSource("failOn") === "default" ? policy.failOn : opts.failOn;
      const report = discover({ dir, failOn, ...(policy ? { policy } : {}) });
      const format: DiscoverFormat = opts.format ?? formatFromFileName(opts.output) ?? "text";
      const color = opts.color !== false && !opts.output && !!io.stdout.isTTY && !io.env["NO_COLOR"];
      const text = renderDiscover(format, report, { color });
      if (opts.output) {
        try {
          writeFileSync(opts.output, text);
        } catch (e) {
          throw new ConfigError(`cannot write ${opts.output}: ${(e as Error).message}`);
        }
        const unpinned = report.references.filter((r) => !r.pinned).length;
        io.stderr.write(`modelgate: ${report.references.length} reference(s), ${unpinned} unpinned, ${report.dynamic.length} dynamic; ${report.verdict.passed ? "PASSED" : `FAILED (fail-on ${report.verdict.failOn})`}; written to ${opts.output}\n`);
      } else io.stdout.write(text);
      throw new ExitSignal(report.verdict.passed ? EXIT.PASSED : EXIT.FAILED);
    });
}
