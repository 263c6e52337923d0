#!/usr/bin/env node
import { VERSION } from "../src/version.js";

const argv = process.argv.slice(2);
// `modelgate --version` answers before the program (commander, every command) is even loaded:
// CI scripts call it to log the tool's version, and it should cost no more than node itself.
if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-V")) {
  process.stdout.write(`${VERSION}\n`);
} else {
  const { runCli } = await import("./program.js");
  process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env });
}
