import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let found: string | undefined;

/** The folder holding package.json and rules/, from src/ (tests) or dist/src/ (built). */
export function packageRoot(): string {
  if (found) return found;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "rules"))) return (found = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error("modelgate: cannot find the package root (rules/ folder)");
    dir = up;
  }
}

export function rulesDir(): string {
  return join(packageRoot(), "rules");
}
