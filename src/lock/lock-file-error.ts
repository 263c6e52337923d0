import { ModelgateError } from "../errors.js";

/** A lock file that cannot be trusted as written: malformed, from a newer schema, or edited by hand. Exit 2. */
export class LockFileError extends ModelgateError {
  constructor(
    readonly path: string,
    readonly line: number | undefined,
    problem: string,
  ) {
    super("MG_E_LOCK", `${path}${line !== undefined ? `:${line}` : ""}: ${problem}`);
  }
}
