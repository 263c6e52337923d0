import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { Command, Option } from "commander";
import { ConfigError } from "../src/errors.js";
import { checkLock, lockCheckExitCode, type CheckLockParams, type CodeReference } from "../src/lock/check-lock.js";
import { createLock, type CreateLockParams } from "../src/lock/create-lock.js";
import { explainMoveWith } from "../src/lock/explain-move.js";
import { DEFAULT_LOCK_FILE } from "../src/lock/lock-file.js";
import { readReferencesFile } from "../src/lock/references-file.js";
import { referencesInCodebase } from "../src/lock/codebase-references.js";
import { CHECK_FORMATS, renderCheck, type CheckFormat } from "../src/lock/render-check.js";
import { writeLockFile } from "../src/lock/write-lock.js";
import { loadPolicy } from "../src/policy/policy.js";
import { hfEnvironment } from "../src/sources/hf-env.js";
import { SEVERITIES, type Severity } from "../src/types/finding.js";
import { ExitSignal } from "./exit-signal.js";
import { EXIT, type CliIo } from "./io.js";
import { redact } from "./redact.js";

interface LockOptions {
  file: string;
  discover?: string;
  check?: boolean;
  local?: string;
  cache?: boolean;
  references?: string;
  token?: string;
  policy?: string;
  failOn: Severity | "none";
  allowIncomplete?: boolean;
  format?: CheckFormat;
  output?: string;
}

function formatFromFileName(path: string | undefined): CheckFormat | undefined {
  if (!path) return undefined;
  if (/\.sarif(\.json)?$/i.test(path)) return "sarif";
  if (/\.json$/i.test(path)) return "json";
  if (/\.(md|markdown)$/i.test(path)) return "markdown";
  return undefined;
}

function sha256File(path: string): string {
  try {
    return createHash("sha256").update(readFileSync(path)).digest("hex");
  } catch (e) {
    throw new ConfigError(`cannot read policy ${path}: ${(e as Error).message}`);
  }
}

/**
 * `modelgate lock [targets…]` writes modelgate.lock.json from scans of the targets;
 * `modelgate lock --check` compares the lock with the Hub (or the bytes on disk) and the code.
 * The work is in src/lock/; this file parses options and prints.
 */
export function registerLockCommand(program: Command, io: CliIo): void {
  program
    .command("lock")
    .description("scan Hub models and write modelgate.lock.json (approved commits and file hashes); with --check, report drift")
    .argument("[targets...]", "Hub models, owner/name[@revision] (default revision main)")
    .option("-f, --file <path>", "the lock file", DEFAULT_LOCK_FILE)
    .option("--check", "do not scan: compare the lock with the Hub now (metadata only), or with --local/--cache the bytes on disk")
    .option("--discover <dir>", "models this codebase references (as `modelgate discover <dir>` finds them): with --check each must be locked, without it they are the targets")
    .option("--references <file>", "models the code references: the JSON of `modelgate discover --format json`; with --check each must be locked, without it they are the targets")
    .option("--local <dir>", "with --check, offline: compare the files in <dir> (<dir>/<owner>/<name>, an HF cache layout, or the model itself for a one-model lock)")
    .option("--cache", "with --check, offline: compare the HF cache snapshots of the locked commits (HF_HUB_CACHE)")
    .option("--token <token>", "Hugging Face token (default: $HF_TOKEN)")
    .option("--policy <file>", "policy file for the scans (waivers, overrides); its hash is recorded in the lock")
    .addOption(new Option("--fail-on <severity>", "lowest severity that keeps a model out of the lock").choices([...SEVERITIES, "none"]).default("high"))
    .option("--allow-incomplete", "lock models whose scan could not check every file")
    .addOption(new Option("--format <format>", "--check output format (default text, or from the --output extension)").choices([...CHECK_FORMATS]))
    .option("-o, --output <file>", "--check: write the report to a file")
    .addHelpText(
      "after",
      [
        "",
        "Exit codes (lock): 0 lock written; 1 a model failed its gate (nothing written); 2 error; 3 a scan was incomplete (nothing written).",
        "Exit codes (lock --check): 0 nothing drifted; 1 drift (each drift a finding); 2 error (Hub unreachable, bad lock file).",
        "",
        "Examples:",
        "  modelgate lock openai-community/gpt2 google-bert/bert-base-uncased@main",
        "  modelgate lock --check --format sarif --output lock-drift.sarif",
        "  modelgate lock --check --local ./models",
      ].join("\n"),
    )
    .action(async (targets: string[], opts: LockOptions, command: Command) => {
      const env = hfEnvironment(io.env);
      const token = opts.token ?? env.token;
      const secrets = [token ?? ""];
      const references: CodeReference[] = opts.references ? readReferencesFile(opts.references) : [];
      if (opts.discover) {
        const found = referencesInCodebase(opts.discover);
        references.push(...found.references);
        // A name only known at run time cannot be checked against the lock: say so rather than stay silent.
        if (found.dynamic > 0) io.stderr.write(`modelgate: ${found.dynamic} model reference(s) in ${opts.discover} are dynamic (known only at run time) and cannot be checked against the lock; modelgate discover ${opts.discover} lists them\n`);
      }
      if (opts.check) {
        if (targets.length > 0) throw new ConfigError("lock --check takes no targets: it checks every model in the lock file");
        const params: CheckLockParams = { lockFile: opts.file, references };
        if (opts.local) params.localDir = opts.local;
        else if (opts.cache) params.cacheDir = env.cacheDir;
        else {
          if (env.offline) throw new ConfigError("HF_HUB_OFFLINE is set: lock --check needs the Hub, or --local <dir> / --cache to compare the bytes on disk");
          const hub = { hubUrl: env.hubUrl, ...(token ? { token } : {}) };
          params.hub = hub;
          params.explainMove = explainMoveWith(hub);
        }
        const report = await checkLock(params);
        const format = opts.format ?? formatFromFileName(opts.output) ?? "text";
        const text = redact(renderCheck(format, report), secrets);
        if (opts.output) {
          try {
            writeFileSync(opts.output, text);
          } catch (e) {
            throw new ConfigError(`cannot write ${opts.output}: ${(e as Error).message}`);
          }
          io.stderr.write(redact(`modelgate: ${report.errors.length > 0 ? "error" : report.drifted ? `drift: ${report.findings.length} finding(s)` : "no drift"}; report written to ${opts.output}\n`, secrets));
        } else io.stdout.write(text);
        for (const e of report.errors) io.stderr.write(redact(`modelgate: ${e.id}: ${e.message}\n`, secrets));
        throw new ExitSignal(lockCheckExitCode(report));
      }
      if (opts.local || opts.cache || opts.format || opts.output) throw new ConfigError("--local, --cache, --format and --output apply to lock --check");
      const all = [...targets, ...references.filter((r) => (r.kind ?? "model") === "model").map((r) => (r.revision ? `${r.id}@${r.revision}` : r.id))];
      const unique = [...new Set(all)];
      const policy = opts.policy ? loadPolicy(opts.policy) : undefined;
      const params: CreateLockParams = {
        targets: unique,
        hubUrl: env.hubUrl,
        offline: env.offline,
        cacheDir: env.cacheDir,
        failOn: policy?.failOn && command.getOptionValueSource("failOn") === "default" ? policy.failOn : opts.failOn,
        allowIncomplete: opts.allowIncomplete ?? false,
        onScanned: (o) => {
          const v = o.report.verdict;
          const state = o.refused === "gate-failed" ? `FAILED (fail-on ${v.failOn}, highest ${v.highest ?? "none"})` : o.refused === "incomplete" ? "INCOMPLETE (some files could not be checked)" : "passed";
          io.stderr.write(redact(`modelgate: ${o.target} @ ${o.report.target.commitSha?.slice(0, 12) ?? "?"}: ${state}\n`, secrets));
        },
      };
      if (token) params.token = token;
      if (policy) {
        params.policy = policy;
        params.policySha256 = sha256File(opts.policy ?? "");
      }
      const result = await createLock(params);
      const refused = result.outcomes.filter((o) => o.refused);
      if (!result.lock) {
        const names = refused.map((o) => o.target).join(", ");
        io.stderr.write(`modelgate: ${opts.file} not written: ${names} did not pass the gate. Fix the findings, or waive them in the policy with a reason, then run lock again (modelgate scan <id> shows the findings).\n`);
        throw new ExitSignal(refused.some((o) => o.refused === "gate-failed") ? EXIT.FAILED : EXIT.INCOMPLETE);
      }
      await writeLockFile(opts.file, result.lock);
      io.stderr.write(`modelgate: locked ${result.lock.models.length} model(s) in ${opts.file}\n`);
    });
}
