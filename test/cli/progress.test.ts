import { describe, expect, it } from "vitest";
import type { CliIo } from "../../cli/io.js";
import { createProgress } from "../../cli/progress.js";

function io(isTTY: boolean, env: NodeJS.ProcessEnv = {}): { io: CliIo; err: () => string } {
  let err = "";
  return {
    io: { stdout: { write: () => true, isTTY }, stderr: { write: (s: string) => (err += s), isTTY, columns: 100 }, env },
    err: () => err,
  };
}

describe("download progress on stderr", () => {
  it("is off on a pipe", () => {
    expect(createProgress(io(false).io)).toBeUndefined();
  });

  it("is off in CI even on a TTY", () => {
    expect(createProgress(io(true, { CI: "true" }).io)).toBeUndefined();
  });

  it("draws one redrawn line on a TTY and ends it when every file is done", () => {
    const t = io(true);
    const progress = createProgress(t.io);
    progress?.({ path: "a.bin", bytes: 0, total: 2_000_000, done: false });
    progress?.({ path: "a.bin", bytes: 2_000_000, total: 2_000_000, done: true });
    expect(t.err()).toMatch(/^\r\[\.+\] 0% 0\.0\/2\.0 MB, 0\/1 files\r\[#+\] 100% 2\.0\/2\.0 MB, 1\/1 files\n$/);
  });
});
