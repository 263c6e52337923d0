import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { ConfigError } from "../errors.js";
import { renderLock } from "./build-lock.js";
import type { LockFile } from "./lock-file.js";

/**
 * Writes the lock atomically: a temp file in the same folder, then rename over the target, so a
 * crash or a full disk leaves the previous lock whole rather than a half-written one.
 */
export async function writeLockFile(path: string, lock: LockFile): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, renderLock(lock), { flag: "wx" });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw new ConfigError(`cannot write ${path}: ${(e as Error).message}`, { cause: e });
  }
}
