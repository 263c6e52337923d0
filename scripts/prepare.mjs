// npm runs `prepare` after `npm ci`/`npm install` in this folder, and also when `npx modelgate` is
// run inside it: npm exec then installs the project into its own _npx cache as a link to this
// folder and runs `prepare` on it (npm_command=exec), which made the first `npx modelgate` after
// `npm ci` rebuild everything (tsc + esbuild, 14 s or more). That build is already here, so an
// exec-time prepare only builds when dist/ is missing.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const built = existsSync("dist/cli/main.js") && existsSync("dist/src/index.js");
if (process.env.npm_command === "exec" && built) process.exit(0);
const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ["npm", []];
const r = spawnSync(npm[0], [...npm[1], "run", "build"], { stdio: "inherit" });
process.exit(r.status ?? 1);
