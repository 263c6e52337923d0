import { writeFileSync } from "node:fs";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import type { ScanParams } from "../src/scan.js";
import { FORMATS_OUT, type OutputFormat } from "../src/reporters/formats.js";
import { hfEnvironment } from "../src/sources/hf-env.js";
import { ModelgateError, ConfigError } from "../src/errors.js";
import { SEVERITIES, type Severity } from "../src/types/finding.js";
import type { ScanReport, Verdict } from "../src/types/report.js";
import { isMultiReport, type MultiScanReport } from "../src/types/multi-report.js";
import { VERSION } from "../src/version.js";
import { EXIT, type CliIo } from "./io.js";
import { createProgress } from "./progress.js";
import { registerAdvisoriesCommand } from "./advisories-command.js";
import { registerDiffCommand } from "./diff-command.js";
import { registerDiscoverCommand } from "./discover-command.js";
import { registerMergeCommand } from "./merge-command.js";
import { ExitSignal } from "./exit-signal.js";
import { registerLockCommand } from "./lock-command.js";
import { redact } from "./redact.js";
import { isIsoDate } from "../src/assessment/iso-date.js";
import { addSigningOptions, signingParams, type SigningOptions } from "./signing-options.js";

interface ScanOptions extends SigningOptions {
  revision?: string;
  token?: string;
  format?: OutputFormat;
  output: string[];
  failOn: Severity | "none";
  allowIncomplete?: boolean;
  metadataOnly?: boolean;
  against?: string;
  concurrency: number;
  policy?: string;
  color?: boolean;
  debug?: boolean;
  timestamp?: boolean;
  tier?: 1 | 2 | 3;
  assessment?: boolean;
  assessmentDate?: string;
  inventory?: string;
  shard?: string;
}

function tierLevel(value: string): 1 | 2 | 3 {
  if (value === "1" || value === "2" || value === "3") return Number(value) as 1 | 2 | 3;
  throw new InvalidArgumentError("must be 1, 2 or 3");
}

function isoDate(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError("must be a date (YYYY-MM-DD)");
  return value;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new InvalidArgumentError("must be an integer from 1 to 64");
  return n;
}

function formatFromFileName(path: string | undefined): OutputFormat | undefined {
  if (!path) return undefined;
  if (/\.sarif(\.json)?$/i.test(path)) return "sarif";
  if (/\.cdx\.json$/i.test(path)) return "cyclonedx";
  if (/\.json$/i.test(path)) return "json";
  if (/\.(md|markdown)$/i.test(path)) return "markdown";
  if (/\.html?$/i.test(path)) return "html";
  return undefined;
}

function verdictLine(v: Verdict): string {
  const counts = SEVERITIES.filter((s) => v.counts[s] > 0).map((s) => `${v.counts[s]} ${s}`);
  const tier = v.tier ? `Tier ${v.tier.level} ${v.tier.passed ? "met" : "not met"}; ` : "";
  const state = !v.passed ? `FAILED (${tier}fail-on ${v.failOn})` : v.incomplete && !v.allowIncomplete ? "INCOMPLETE (some files could not be checked)" : "PASSED";
  return `${state}, findings: ${counts.length > 0 ? counts.join(", ") : "none"}`;
}

async function manyVerdictLine(m: MultiScanReport): Promise<string> {
  const { multiSummary } = await import("../src/reporters/multi-json.js");
  const s = multiSummary(m);
  return `${s.targets} target(s): ${s.passed} passed, ${s.failed} failed, ${s.incomplete} incomplete, ${s.errors} not scanned; ${verdictLine(m.verdict)}`;
}

/** `render` for every format but CycloneDX, without loading the CycloneDX library. */
async function renderWithoutBom(): Promise<{ render: (format: OutputFormat, report: ScanReport | MultiScanReport, options: { color?: boolean }) => string }> {
  const { renderReport } = await import("../src/reporters/render-report.js");
  return {
    render: (format, report, options) => {
      if (format === "cyclonedx") throw new Error("CycloneDX reporter not loaded");
      return renderReport(format, report, options);
    },
  };
}

export function createProgram(io: CliIo): Command {
  const program = new Command();
  program
    .name("modelgate")
    .description("Audit a Hugging Face model before anyone trusts it: the model supply-chain checklist, with evidence.")
    .version(VERSION)
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s, write) => write(`modelgate: ${s.replace(/^error: /, "")}`),
    });

  addSigningOptions(program.command("scan"))
    .description("scan Hub models (owner/name[@revision], hf://owner/name@revision), local folders or files, or HF cache snapshots; several at once in one run")
    .argument("[targets...]", "owner/name[@revision] | hf://owner/name[@revision] | folder | file | HF cache snapshot or models--owner--name folder")
    .option("--inventory <file>", "also scan every model a `modelgate discover` JSON or a modelgate.lock.json lists")
    .option("--shard <i/n>", "scan only the i-th of n deterministic parts of the targets (a CI matrix job each)")
    .option("--revision <rev>", "branch, tag or commit to scan (default: main)")
    .option("--token <token>", "Hugging Face token (default: $HF_TOKEN)")
    .addOption(new Option("--format <format>", "output format (default: text, or from the --output extension: .sarif, .cdx.json, .json, .md, .html)").choices([...FORMATS_OUT]))
    .option("-o, --output <file>", "write the report to a file instead of stdout; repeat it for several formats from one scan (each from its extension)", (v: string, all: string[]) => [...all, v], [] as string[])
    .addOption(new Option("--fail-on <severity>", "lowest severity that fails the gate").choices([...SEVERITIES, "none"]).default("high"))
    .option("--allow-incomplete", "exit 0 instead of 3 when some files could not be checked")
    .option("--metadata-only", "read only metadata and headers (ranged requests); do not download weights")
    .option("--against <owner/name@revision>", "compare a local folder with the Hub's published hashes for that revision")
    .addOption(new Option("--concurrency <n>", "parallel downloads and inspections (and models, with several targets)").argParser(positiveInt).default(4))
    .option("--policy <file>", "policy file (fail-on, severity overrides, waivers, list extensions)")
    .option("--no-color", "no colours in text output")
    .option("--timestamp", "include generatedAt in the report")
    .addOption(new Option("--tier <n>", "risk tier 1, 2 or 3 (rules/tiers): gate under the tier and add the assessment (Section D, scores, red flags, remediation)").argParser(tierLevel))
    .option("--assessment", "add the assessment (Section D, scores, red flags, remediation) without choosing a tier")
    .addOption(new Option("--assessment-date <date>", "date (YYYY-MM-DD) remediation due dates count from (default: relative days)").argParser(isoDate))
    .option("--debug", "print stack traces for internal errors")
    .addHelpText(
      "after",
      [
        "",
        "Exit codes: 0 passed; 1 a finding at or above --fail-on; 2 usage or operational error;",
        "3 some file could not be checked and nothing failed (fail-closed; --allow-incomplete gives 0).",
        "",
        "Examples:",
        "  modelgate scan fixtures/repos/tiny-safetensors-clean",
        "  modelgate scan openai-community/gpt2 --revision main --format sarif --output gpt2.sarif",
        "  modelgate scan ~/.cache/huggingface/hub/models--owner--name      (snapshot refs/main points at)",
        "  modelgate scan ./model --against owner/name@v1.0 --fail-on medium",
        "  modelgate scan acme/a acme/b@v2 ./local-model --format sarif -o models.sarif",
        "  modelgate scan --inventory modelgate.lock.json --shard 2/4 --format json -o shard-2.json",
      ].join("\n"),
    )
    .action(async (targets: string[], opts: ScanOptions, command: Command) => {
      // Loaded here, not at the top: --help, --version and the other commands never pay for the
      // scan pipeline, and a BOM's CycloneDX library loads only when a BOM is asked for.
      const [{ parseShard }, { readInventory }, { loadPolicy, unknownRuleRefs }, { loadRules }] = await Promise.all([
        import("../src/multi/shard.js"),
        import("../src/multi/inventory.js"),
        import("../src/policy/policy.js"),
        import("../src/catalog/load-rules.js"),
      ]);
      const shard = opts.shard !== undefined ? parseShard(opts.shard) : undefined;
      const inventory = opts.inventory !== undefined ? readInventory(opts.inventory) : undefined;
      if (targets.length === 0 && !inventory) throw new ConfigError("scan needs a target (owner/name, a folder, a file) or --inventory <file>");
      const many = targets.length > 1 || inventory !== undefined || shard !== undefined;
      // One --revision or --against for many targets would silently mean something different for each.
      if (many && opts.revision) throw new ConfigError("--revision applies to one target; with several, give each as owner/name@revision");
      if (many && opts.against) throw new ConfigError("--against compares one local folder with the Hub; it cannot be used with several targets");
      if (many && opts.signature) throw new ConfigError((await import("../src/scan-many.js")).SIGNATURE_FOR_ONE);
      const target = targets[0] ?? "";
      const secrets = [io.env["HF_TOKEN"] ?? "", io.env["HUGGING_FACE_HUB_TOKEN"] ?? "", opts.token ?? ""];
      const env = hfEnvironment(io.env);
      // The token may come from the file `hf auth login` stored; it is a secret like HF_TOKEN.
      if (env.token) secrets.push(env.token);
      const policy = opts.policy ? loadPolicy(opts.policy) : undefined;
      for (const ref of policy ? unknownRuleRefs(policy, loadRules()) : []) io.stderr.write(`modelgate: warning: ${opts.policy}: no rule is called "${ref}"\n`);
      const onProgress = createProgress(io);
      const params: ScanParams = {
        target,
        hubUrl: env.hubUrl,
        offline: env.offline,
        cacheDir: env.cacheDir,
        failOn: opts.failOn,
        allowIncomplete: opts.allowIncomplete ?? false,
        metadataOnly: opts.metadataOnly ?? false,
        concurrency: opts.concurrency,
        downloadConcurrency: opts.concurrency,
        timestamp: opts.timestamp ?? false,
      };
      const token = opts.token ?? env.token;
      if (token) params.token = token;
      if (opts.revision) params.revision = opts.revision;
      if (opts.against) params.against = opts.against;
      if (opts.tier) params.tier = opts.tier;
      if (opts.assessmentDate) params.assessmentDate = opts.assessmentDate;
      if (opts.assessment) params.assessment = true;
      if (policy) params.policy = policy;
      const signing = signingParams(opts);
      if (signing) params.signing = signing;
      if (onProgress && !many) params.onProgress = onProgress;
      // An explicit --fail-on beats the policy file and the tier; commander's default does not.
      if (command.getOptionValueSource("failOn") === "default") delete params.failOn;
      let report: ScanReport | MultiScanReport;
      if (many) {
        const [{ scanMany }, { createTargetProgress }] = await Promise.all([import("../src/scan-many.js"), import("./target-progress.js")]);
        const { target: _one, ...common } = params;
        const onTarget = createTargetProgress(io);
        const shardIds = new Map((inventory?.targets ?? []).map((t) => [t.target, t.id]));
        report = await scanMany({
          ...common,
          targets: [...targets, ...(inventory?.targets ?? []).map((t) => t.target)],
          shardIds,
          skipped: inventory?.skipped ?? [],
          unscannable: inventory?.errors ?? [],
          ...(shard ? { shard } : {}),
          ...(onTarget ? { onTarget } : {}),
        });
        for (const e of report.errors) io.stderr.write(redact(`modelgate: ${e.message.includes(e.input) ? "" : `${e.input}: `}${e.message}\n`, secrets));
      } else report = await (await import("../src/scan.js")).scan(params);
      const outputs = opts.output;
      const wantsBom = opts.format === "cyclonedx" || outputs.some((f) => formatFromFileName(f) === "cyclonedx");
      const { render } = wantsBom ? await import("../src/reporters/index.js") : await renderWithoutBom();
      if (outputs.length === 0) {
        const color = opts.color !== false && !!io.stdout.isTTY && !io.env["NO_COLOR"];
        io.stdout.write(redact(render(opts.format ?? "text", report, { color }), secrets));
      } else {
        for (const file of outputs) {
          // One file: --format beats the extension, as before. Several: each file's extension decides.
          const format: OutputFormat = (outputs.length === 1 ? (opts.format ?? formatFromFileName(file)) : (formatFromFileName(file) ?? opts.format)) ?? "text";
          try {
            writeFileSync(file, redact(render(format, report, { color: false }), secrets));
          } catch (e) {
            throw new ConfigError(`cannot write ${file}: ${(e as Error).message}`);
          }
        }
        // stdout stays empty; one line on stderr says where the reports went and how the gate ended.
        io.stderr.write(redact(`modelgate: ${isMultiReport(report) ? await manyVerdictLine(report) : verdictLine(report.verdict)}; report written to ${outputs.join(", ")}\n`, secrets));
      }
      const { exitCodeFor } = await import("../src/policy/gate.js");
      const { exitCodeForMany } = await import("../src/policy/aggregate.js");
      throw new ExitSignal(isMultiReport(report) ? exitCodeForMany(report) : exitCodeFor(report.verdict));
    });
  registerAdvisoriesCommand(program, io);
  registerDiscoverCommand(program, io);
  registerLockCommand(program, io);
  registerDiffCommand(program, io);
  registerMergeCommand(program, io);
  return program;
}

/** Runs the CLI and returns the exit code; never calls process.exit itself. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const program = createProgram(io);
  const debug = argv.includes("--debug");
  const secrets = [io.env["HF_TOKEN"] ?? "", io.env["HUGGING_FACE_HUB_TOKEN"] ?? "", hfEnvironment(io.env).token ?? "", ...argv.filter((_, i) => argv[i - 1] === "--token")];
  try {
    await program.parseAsync([...argv], { from: "user" });
    return EXIT.PASSED;
  } catch (e) {
    if (e instanceof ExitSignal) return e.exitCode;
    if (e instanceof CommanderError) {
      // --help and --version exit 0; help shown because no command was given is a usage error.
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version" || (e.code === "commander.help" && e.exitCode === 0)) return EXIT.PASSED;
      // Commander already printed its one-line message; usage errors are exit 2, never 1.
      return EXIT.ERROR;
    }
    if (e instanceof ModelgateError) {
      io.stderr.write(redact(`modelgate: ${e.message}\n`, secrets));
      return EXIT.ERROR;
    }
    const err = e as Error;
    io.stderr.write(redact(`modelgate: internal error: ${err?.message ?? String(e)}\n${debug && err?.stack ? err.stack + "\n" : "(run with --debug for details)\n"}`, secrets));
    return EXIT.ERROR;
  }
}
