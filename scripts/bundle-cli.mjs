// Replaces tsc's dist/cli/main.js with one bundled file. Loading ~300 small ES modules costs the
// CLI a quarter of a second at every start; one file loads in a fraction of that, which matters
// when a CI gate runs modelgate on every model (and for the hashing benchmark, whole process
// included). Dependencies stay external; the library (dist/src) is tsc's output as before.
import { chmodSync } from "node:fs";
import { build } from "esbuild";

await build({
  entryPoints: ["cli/main.ts"],
  outfile: "dist/cli/main.js",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
chmodSync("dist/cli/main.js", 0o755);
