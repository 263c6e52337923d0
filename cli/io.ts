/** Everything the CLI touches outside itself, so tests can run it in-process. */
export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  env: NodeJS.ProcessEnv;
}

export const EXIT = { PASSED: 0, FAILED: 1, ERROR: 2, INCOMPLETE: 3 } as const;
