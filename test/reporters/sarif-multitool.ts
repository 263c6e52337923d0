import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Path of the native Sarif.Multitool binary, or undefined when the package (or its platform
 * binary) is absent or not executable. We call the binary directly: the npm wrapper spawns through a shell, which
 * splits `--rule-kind Sarif;Ghas` at the semicolon and runs only the Sarif rules.
 */
export function multitoolPath(): string | undefined {
  try {
    const p = createRequire(import.meta.url)("@microsoft/sarif-multitool") as unknown;
    if (typeof p !== "string" || !existsSync(p)) return undefined;
    // Installed with --ignore-scripts (or a package manager that skipped its postinstall chmod): not runnable.
    accessSync(p, constants.X_OK);
    return p;
  } catch {
    return undefined;
  }
}

export interface ValidatorIssue {
  file: string;
  ruleId: string;
  level: string;
  message: string;
}

interface ValidatorLog {
  runs?: { results?: { ruleId?: string; level?: string; message?: { id?: string; arguments?: string[] }; locations?: { physicalLocation?: { artifactLocation?: { uri?: string } } }[] }[] }[];
}

/**
 * Validates several SARIF logs in one validator process (`--rule-kind "Sarif;Ghas"`, the rules
 * GitHub code scanning enforces) and returns every issue by input name. The validator exits 0 even
 * when it finds errors, so its own SARIF output is what we read.
 */
export function validateSarif(bin: string, logs: Record<string, string>): ValidatorIssue[] {
  const dir = mkdtempSync(join(tmpdir(), "modelgate-sarif-"));
  try {
    const inputs = Object.entries(logs).map(([name, text]) => {
      const path = join(dir, `${name}.sarif`);
      writeFileSync(path, text);
      return path;
    });
    const out = join(dir, "validation.out.json");
    const run = spawnSync(bin, ["validate", "--rule-kind", "Sarif;Ghas", "--output", out, ...inputs], { encoding: "utf8", timeout: 120_000 });
    if (run.error) throw run.error;
    if (!existsSync(out)) throw new Error(`Sarif.Multitool wrote no output (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    const log = JSON.parse(readFileSync(out, "utf8")) as ValidatorLog;
    return (log.runs?.[0]?.results ?? []).map((r) => {
      const uri = r.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? "";
      const file = uri.startsWith("file:") ? fileURLToPath(uri) : uri;
      return {
        file: (file.split("/").pop() ?? file).replace(/\.sarif$/, ""),
        ruleId: r.ruleId ?? "?",
        // SARIF: an absent level on a result means "warning".
        level: r.level ?? "warning",
        message: `${r.message?.id ?? ""} ${(r.message?.arguments ?? []).join(" | ")}`,
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
