import { readFileSync } from "node:fs";
import { join } from "node:path";
import { packageRoot } from "./catalog/package-root.js";

const pkg = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string; homepage?: unknown };

export const VERSION: string = pkg.version;

/** The project's public home (package.json `homepage`, https only), or undefined while it has none. */
export const HOMEPAGE: string | undefined =
  typeof pkg.homepage === "string" && /^https:\/\//.test(pkg.homepage) ? pkg.homepage.replace(/\/+$/, "") : undefined;
