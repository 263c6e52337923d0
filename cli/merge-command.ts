import { writeFileSync } from "node:fs";
import type { Command } from "commander";
import { ConfigError } from "../src/errors.js";
import { mergeReports } from "../src/multi/merge.js";
import { readJsonFile } from "../src/multi/read-json-file.js";
import { ExitSignal } from "./exit-signal.js";
import type { CliIo } from "./io.js";

interface MergeOptions {
  output?: string;
}

/**
 * `modelgate merge <reports…>`: joins the JSON or SARIF reports of several scans (the shards of a
 * CI matrix) into one. Exits like `scan` on the merged verdict, so the job that merges can be the gate.
 */
export function registerMergeCommand(program: Command, io: CliIo): void {
  program
    .command("merge")
    .description("join the JSON or SARIF reports of several scans (e.g. --shard jobs) into one report of the same format")
    .argument("<reports...>", "report files written by modelgate scan (all JSON or all SARIF)")
    .option("-o, --output <file>", "write the merged report to a file instead of stdout")
    .addHelpText("after", ["", "Exit codes: as scan, for the merged targets (0 passed, 1 gate failed, 2 bad input or a target not scanned, 3 incomplete).", "", "Example:", "  modelgate merge shard-1.sarif shard-2.sarif shard-3.sarif -o models.sarif"].join("\n"))
    .action((files: string[], opts: MergeOptions) => {
      const merged = mergeReports(files.map((path) => ({ path, data: readJsonFile(path) })));
      const text = JSON.stringify(merged.output, null, 2) + "\n";
      if (opts.output) {
        try {
          writeFileSync(opts.output, text);
        } catch (e) {
          throw new ConfigError(`cannot write ${opts.output}: ${(e as Error).message}`);
        }
        const s = merged.summary;
        io.stderr.write(`modelgate: merged ${files.length} report(s): ${s.targets} target(s), ${s.passed} passed, ${s.failed} failed, ${s.incomplete} incomplete, ${s.errors} not scanned; written to ${opts.output}\n`);
      } else io.stdout.write(text);
      throw new ExitSignal(merged.exitCode);
    });
}
