import type { Command } from "commander";
import { DEFAULT_OSV_API, updateAdvisories } from "../src/advisories/update.js";
import { hfEnvironment } from "../src/sources/hf-env.js";
import { ConfigError } from "../src/errors.js";
import type { CliIo } from "./io.js";

interface UpdateOptions {
  from?: string;
  output?: string;
  osvApi: string;
}

/**
 * `modelgate advisories update [--from FILE|URL]`: refreshes the offline OSV advisory set the
 * scanner matches requirements against. Without --from it queries the OSV API for each tracked
 * package; with HF_HUB_OFFLINE set it only accepts a local file.
 */
export function registerAdvisoriesCommand(program: Command, io: CliIo): void {
  const advisories = program.command("advisories").description("manage the offline advisory set (OSV records for model-loading libraries)");
  advisories
    .command("update")
    .description("refresh the advisory set from OSV data (a file, a URL, or the OSV API), validated and written atomically")
    .option("--from <file|url>", "OSV data: JSON array, {vulns:[...]}, one record, JSON Lines, or a zip of records (OSV's PyPI all.zip)")
    .option("-o, --output <file>", "where to write the set (default: the packaged rules/_lists/advisories.json)")
    .option("--osv-api <url>", "OSV API base URL, queried per tracked package when --from is not given", DEFAULT_OSV_API)
    .action(async (opts: UpdateOptions) => {
      const offline = hfEnvironment(io.env).offline;
      if (offline && (!opts.from || /^https?:\/\//i.test(opts.from))) throw new ConfigError("offline (HF_HUB_OFFLINE): pass --from <file> to update the advisory set");
      const r = await updateAdvisories({ ...(opts.from ? { from: opts.from } : {}), ...(opts.output ? { output: opts.output } : {}), osvApi: opts.osvApi });
      io.stdout.write(`advisories: ${r.count} record(s) for ${r.packages} tracked package(s), dated ${r.date}${r.kept ? `; ${r.kept} kept for packages the data did not cover` : ""}${r.skipped ? `; ${r.skipped} invalid record(s) skipped` : ""} -> ${r.path}\n`);
    });
}
