import { join } from "node:path";

/**
 * cli/main.ts bundled by test/global-setup.ts at the start of each run, for the tests that start
 * the CLI as a real process. Inside the project so its bare imports resolve from node_modules and
 * packageRoot() finds rules/; readable by every user (the EACCES test runs it as nobody).
 */
export const CLI_BUNDLE = join(import.meta.dirname, "..", "..", "node_modules", ".cache", "modelgate-test", "cli.mjs");
