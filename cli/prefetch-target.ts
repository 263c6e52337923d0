/**
 * `scan` options that take a value. Keep in step with program.ts: an option missing here only
 * means its value may be taken for the target, which costs a wasted background hash, nothing else.
 */
const VALUE_OPTIONS = new Set(["--revision", "--token", "--format", "-o", "--output", "--fail-on", "--against", "--concurrency", "--policy"]);

/**
 * The target of a `scan` command line, read without commander (which loads with everything
 * else), so its large local files can start hashing while the CLI loads. Undefined for anything
 * that is not a plain scan (help, another command).
 */
export function scanTargetForPrefetch(argv: readonly string[]): string | undefined {
  if (argv[0] !== "scan" || argv.includes("--help") || argv.includes("-h")) return undefined;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (arg === "--") return argv[i + 1];
    if (arg.startsWith("-")) {
      if (VALUE_OPTIONS.has(arg)) i++;
      continue;
    }
    return arg;
  }
  return undefined;
}
