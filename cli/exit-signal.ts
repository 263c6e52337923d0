/** Thrown inside a command's action to carry its exit code out of commander to runCli. */
export class ExitSignal extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}
