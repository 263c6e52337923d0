import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Runs the action's scan step (action/run.sh) as the runner would: INPUT_* variables from
 * action.yml, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, RUNNER_TEMP, GITHUB_WORKSPACE, and the
 * built CLI in place of `npx modelgate@<version>` (MODELGATE_CMD). Asynchronous, so a fake Hub
 * served by the test process can answer while the step runs.
 */
export const ROOT = join(import.meta.dirname, "..", "..");

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  temp: string;
}

export interface ActionStepOptions {
  /** Extra environment (HF_ENDPOINT, HF_HOME, ...); HF_HUB_OFFLINE=1 unless it is given. */
  env?: NodeJS.ProcessEnv;
  /** The repository checkout the step sees as GITHUB_WORKSPACE (default: an empty temp folder). */
  workspace?: string;
  /**
   * Leave MODELGATE_CMD unset and point GITHUB_ACTION_PATH at this checkout, so the step picks its
   * CLI itself (the action's own code, or npx for a `version`). Default: the built CLI via MODELGATE_CMD.
   */
  ownCli?: boolean;
  /** Folders put in front of PATH (fake `npx`/`npm`). */
  pathPrepend?: string[];
}

const homes: string[] = [];

/** Removes every folder the runs made. */
export function cleanupActionRuns(): void {
  for (const d of homes.splice(0)) rmSync(d, { recursive: true, force: true });
}

export async function runActionStep(inputs: Record<string, string>, options: ActionStepOptions = {}): Promise<ActionRun> {
  const home = mkdtempSync(join(tmpdir(), "modelgate-action-"));
  homes.push(home);
  const output = join(home, "github_output");
  const summary = join(home, "step_summary");
  writeFileSync(output, "");
  writeFileSync(summary, "");
  const env: NodeJS.ProcessEnv = {
    PATH: [...(options.pathPrepend ?? []), process.env["PATH"] ?? ""].join(":"),
    HOME: home,
    NO_COLOR: "1",
    HF_HUB_OFFLINE: "1",
    GITHUB_ACTIONS: "true",
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_WORKSPACE: options.workspace ?? home,
    RUNNER_TEMP: join(home, "runner_temp"),
    ...(options.ownCli ? { GITHUB_ACTION_PATH: ROOT } : { MODELGATE_CMD: `${process.execPath} ${join(ROOT, "dist", "cli", "main.js")}` }),
    ...options.env,
  };
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase().replace(/-/g, "_")}`] = v;
  const child = spawn("bash", [join(ROOT, "action", "run.sh")], { env, cwd: home, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
  child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
  const code = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (c) => resolve(c ?? -1));
  });
  const outputs = Object.fromEntries(
    readFileSync(output, "utf8")
      .split("\n")
      .filter((l) => l.includes("="))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
  return { code, stdout, stderr, outputs, summary: readFileSync(summary, "utf8"), temp: join(home, "runner_temp") };
}

/** Every file a step left behind, read as text. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) out.push(readFileSync(join(e.parentPath, e.name), "utf8"));
  return out;
}
