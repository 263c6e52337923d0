#!/usr/bin/env node
import { prefetchLocalDigests } from "../src/integrity/prefetch.js";
import { scanTargetForPrefetch } from "./prefetch-target.js";

// Large local files start hashing on worker threads now, while the rest of the CLI loads; the
// scan then picks up those digests (src/integrity/prefetch.ts).
const target = scanTargetForPrefetch(process.argv.slice(2));
if (target) await prefetchLocalDigests(target);

const { runCli } = await import("./program.js");
const code = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
process.exitCode = code;
