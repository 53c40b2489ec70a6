/**
 * Errors the generator raises for a user's mistake. The CLI prints their message without a stack
 * and exits with `exitCode`; any other error is treated as an internal bug.
 */
export class VendorguardError extends Error {
  /** Stable identifier of the failure, for scripts and tests. */
  readonly code: string;
  /** Process exit code the CLI uses for this error. */
  readonly exitCode: number;

  constructor(code: string, message: string, options?: { cause?: unknown; exitCode?: number }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "VendorguardError";
    this.code = code;
    this.exitCode = options?.exitCode ?? 2;
  }
}

/** True for any error the generator raised on purpose, across copies of this module. */
export function isVendorguardError(error: unknown): error is VendorguardError {
  return (
    error instanceof Error &&
    typeof (error as { code?: unknown }).code === "string" &&
    typeof (error as { exitCode?: unknown }).exitCode === "number"
  );
}
