/**
 * Merges the client-wide policy with one operation's override. The result is computed once per
 * operationId and cached by the runtime.
 */
import type { RetryConfig, RuntimeConfig, TimeoutConfig } from "./config.js";
import type { OperationSpec } from "./operation.js";

/** The effective settings of one operation. */
export interface OperationPolicy {
  /**
   * Time limits. `connectMs` always comes from the client-wide policy, because the connect timeout
   * belongs to the one undici Agent of the client.
   */
  timeouts: TimeoutConfig;
  retries: RetryConfig;
  validation: "enforce" | "report";
  /** Lower-cased name of the header that carries the per-call idempotency key, if any. */
  idempotencyKeyHeader: string | undefined;
  /** Whether failed attempts may be retried: the method is listed or an idempotency key is sent. */
  retryable: boolean;
}

/** Resolves the effective settings of `operation`. */
export function resolveOperationPolicy(
  config: RuntimeConfig,
  operation: OperationSpec,
): OperationPolicy {
  const override = config.operations[operation.operationId] ?? {};
  const timeouts = {
    ...config.timeouts,
    ...override.timeouts,
    connectMs: config.timeouts.connectMs,
  };
  const retries = { ...config.retries, ...override.retries };
  const idempotencyKeyHeader = override.idempotencyKeyHeader?.toLowerCase();
  return {
    timeouts,
    retries,
    validation: override.validation ?? "enforce",
    idempotencyKeyHeader,
    retryable: retries.methods.includes(operation.method) || idempotencyKeyHeader !== undefined,
  };
}
