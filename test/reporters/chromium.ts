/** Debian's chromium; playwright's own browser downloads cannot reach this machine. */
export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

/**
 * Headless as root on a closed network: no sandbox (root), and no background networking, which
 * would otherwise make Chromium try (and fail) to reach its update and sync hosts at every start.
 * Playwright gives each launch a fresh, empty profile of its own.
 */
export function chromiumArgs(): string[] {
  return [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ];
}
