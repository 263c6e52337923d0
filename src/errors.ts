/** Base of every error modelgate throws on purpose; `code` is stable for programs. */
export class ModelgateError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Bad arguments, bad policy or bad configuration: exit 2. */
export class ConfigError extends ModelgateError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("MG_E_CONFIG", message, options);
  }
}

/** The target cannot be reached or resolved (repo/revision not found, no access, network): exit 2. */
export class SourceError extends ModelgateError {
  readonly status?: number;
  constructor(message: string, options?: { cause?: unknown; status?: number; code?: string }) {
    super(options?.code ?? "MG_E_SOURCE", message, options);
    if (options?.status !== undefined) this.status = options.status;
  }
}

/** Gated or private repo without access. */
export class AccessError extends SourceError {
  constructor(message: string, options?: { cause?: unknown; status?: number }) {
    super(message, { ...options, code: "MG_E_ACCESS" });
  }
}

/** An artifact's bytes do not follow its format. Becomes a finding; the scan goes on. */
export class ParseError extends ModelgateError {
  readonly offset?: number;
  constructor(message: string, options?: { cause?: unknown; offset?: number }) {
    super("MG_E_PARSE", message, options);
    if (options?.offset !== undefined) this.offset = options.offset;
  }
}

/** A MAX_* bound was hit: the artifact is hostile or too large to check fully. */
export class LimitExceededError extends ModelgateError {
  readonly limit: string;
  constructor(limit: string, message: string) {
    super("MG_E_LIMIT", message);
    this.limit = limit;
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
