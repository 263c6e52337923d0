// Replaces tsc's dist/cli/main.js with a bundle. Loading ~300 small ES modules costs the CLI a
// quarter of a second at every start; a bundle loads in a fraction of that, which matters when a
// CI gate runs modelgate on every model (and for the hashing benchmark, whole process included).
// Code splitting keeps what the CLI imports with `await import()` in chunks of their own
// (dist/cli/chunks/): `--version` loads no chunk, `--help` no scan pipeline, a scan no Hub client
// for a local folder, no Sigstore for an unsigned model, no CycloneDX unless a BOM is asked for.
// Dependencies stay external; the library (dist/src) is tsc's output as before.
import { chmodSync, rmSync } from "node:fs";
import { build } from "esbuild";

rmSync("dist/cli/chunks", { recursive: true, force: true });
await build({
  entryPoints: ["cli/main.ts"],
  outdir: "dist/cli",
  chunkNames: "chunks/[name]-[hash]",
  splitting: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: true,
  logLevel: "warning",
});
chmodSync("dist/cli/main.js", 0o755);
