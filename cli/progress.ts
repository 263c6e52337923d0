import type { CliIo } from "./io.js";

interface FileState {
  bytes: number;
  total: number;
  done: boolean;
}

/**
 * One redrawn line on stderr while files download. Only on a TTY outside CI: pipes and CI logs
 * get nothing, so machine output stays clean.
 */
export function createProgress(io: CliIo): ((e: { path: string; bytes: number; total: number; done: boolean }) => void) | undefined {
  if (!io.stderr.isTTY || io.env["CI"]) return undefined;
  const files = new Map<string, FileState>();
  let last = 0;
  return (e) => {
    files.set(e.path, { bytes: e.bytes, total: e.total, done: e.done });
    const now = Date.now();
    const all = [...files.values()];
    const finished = all.every((f) => f.done);
    if (!finished && now - last < 100) return;
    last = now;
    const bytes = all.reduce((s, f) => s + f.bytes, 0);
    const total = all.reduce((s, f) => s + f.total, 0);
    const pct = total > 0 ? Math.floor((bytes / total) * 100) : 100;
    const width = Math.max(10, Math.min(40, (io.stderr.columns ?? 80) - 50));
    const filled = Math.round((pct / 100) * width);
    const mb = (n: number): string => (n / 1e6).toFixed(1);
    io.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${pct}% ${mb(bytes)}/${mb(total)} MB, ${all.filter((f) => f.done).length}/${all.length} files`);
    if (finished) io.stderr.write("\n");
  };
}
