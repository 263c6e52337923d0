import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../cli/cli-harness.js";

describe("the prepare script", () => {
  it("does not rebuild dist/ when npx runs the project's own bin (npm_command=exec)", () => {
    const main = join(ROOT, "dist", "cli", "main.js");
    const before = statSync(main).mtimeMs;
    const r = spawnSync(process.execPath, [join(ROOT, "scripts", "prepare.mjs")], {
      cwd: ROOT,
      env: { PATH: process.env["PATH"] ?? "", npm_command: "exec" },
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
    // A build would have printed tsc's command line and rewritten the bundle.
    expect(r.stdout).not.toMatch(/tsc/);
    expect(statSync(main).mtimeMs).toBe(before);
  });
});
