import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { CLI_BUNDLE } from "./support/cli-bundle.js";

/**
 * Bundles cli/main.ts once per test run for the tests that start the CLI as a real process
 * (spawnCli). Starting `node --import tsx cli/main.ts` compiles ~300 modules on every start (2–5 s
 * of CPU each on a busy 2-core box); the bundle starts in well under a second and is built from the
 * sources being tested, like the shipped dist/cli/main.js (scripts/bundle-cli.mjs), never stale.
 */
export default async function setup(): Promise<void> {
  mkdirSync(dirname(CLI_BUNDLE), { recursive: true });
  await build({
    entryPoints: [join(import.meta.dirname, "..", "cli", "main.ts")],
    outfile: CLI_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
}
