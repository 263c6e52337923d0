import { spawn } from "node:child_process";
import { join } from "node:path";
import { runCli } from "../../cli/program.js";
import type { CliIo } from "../../cli/io.js";
import { CLI_BUNDLE } from "../support/cli-bundle.js";

export const ROOT = join(import.meta.dirname, "..", "..");
export const FIXTURES = join(ROOT, "fixtures");
export const CLEAN_CACHE = join(FIXTURES, "hf-cache", "models--acme--tiny-model");
export const TAMPERED_CACHE = join(FIXTURES, "hf-cache", "models--acme--tampered-model");
export const CLEAN_REPO = join(FIXTURES, "repos", "tiny-safetensors-clean");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured, non-TTY streams and NO_COLOR set. */
export async function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: { NO_COLOR: "1", HF_HUB_OFFLINE: "1", ...env },
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

/**
 * Runs the CLI in-process with exactly this environment (nothing added, nothing inherited), as a
 * child process given `env` would see it. For tests whose subject is what the CLI does with that
 * environment (HF_ENDPOINT, HF_HOME, HF_HUB_OFFLINE …) rather than the process around it; a child
 * process costs a start-up per run. Give HF_HOME or HOME-derived paths explicitly: in
 * this process `os.homedir()` is the test runner's home, not `env.HOME`.
 */
export async function cliWithEnv(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: { ...env },
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}

/** Runs the CLI (CLI_BUNDLE, built from cli/main.ts for this run) as a real process (exit code as the shell sees it). */
export function spawnCli(args: readonly string[], options: { env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BUNDLE, ...args], {
      cwd: ROOT,
      env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "/tmp", NO_COLOR: "1", HF_HUB_OFFLINE: "1", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
      ...(options.uid !== undefined ? { uid: options.uid } : {}),
      ...(options.gid !== undefined ? { gid: options.gid } : {}),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
