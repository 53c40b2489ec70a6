/**
 * The retry schedule of one operation: which failed attempts are retried, how often, and the
 * delay before each retry. Delays come from cockatiel's exponential backoff with optional full
 * jitter. `Retry-After` is honoured up to a cap, no delay may end past the call's deadline, and
 * every retry is taken from the client's retry budget.
 */
import {
  ExponentialBackoff,
  fullJitterGenerator,
  noJitterGenerator,
  type IBackoff,
} from "cockatiel";
import type { RetryConfig } from "./config.js";
import { isHttpStatusError, isNetworkError, isTimeoutError } from "./error-guards.js";
import { isVendorError } from "./errors.js";
import type { RetrySkipReason } from "./events.js";
import type { RetryBudget } from "./retry-budget.js";

/** The decision after a failed attempt: the delay before the next one, or why none follows. */
export type RetryDecision =
  | { retry: true; delayMs: number; backoff: IBackoff<unknown> }
  | { retry: false; reason: RetrySkipReason | undefined };

/**
 * The retry settings of one operation. It keeps no state of a call, so one schedule serves every
 * call of the operation. A call carries its backoff step from one decision to the next.
 */
export class RetrySchedule {
  readonly #config: RetryConfig;
  /** Attempts in total; 1 when the method may not be retried. */
  readonly #maxAttempts: number;
  readonly #backoff: ExponentialBackoff<unknown>;

  /** `retryable` is false when the method may not be retried, which allows one attempt. */
  constructor(config: RetryConfig, retryable: boolean) {
    this.#config = config;
    this.#maxAttempts = retryable ? Math.max(1, config.maxAttempts) : 1;
    this.#backoff = new ExponentialBackoff({
      initialDelay: config.baseDelayMs,
      maxDelay: config.maxDelayMs,
      generator: config.jitter === "full" ? fullJitterGenerator : noJitterGenerator,
    });
  }

  /**
   * Decides what follows attempt number `attempt` (counting from 1), which failed with `error`.
   * No attempt follows a failure that is not retryable or the last allowed attempt, and then
   * `reason` is undefined. A retryable failure is not retried, with the reason set, when
   * `Retry-After` exceeds the cap, the delay would not end `remainingMs` from now, before the
   * call's deadline, or the budget is spent. `previous` is the backoff step of the last
   * decision of the same call.
   */
  decide(
    error: unknown,
    attempt: number,
    previous: IBackoff<unknown> | undefined,
    remainingMs: number,
    budget: RetryBudget,
  ): RetryDecision {
    if (attempt >= this.#maxAttempts || !isRetryableFailure(error, this.#config.statuses)) {
      return { retry: false, reason: undefined };
    }
    const backoff = previous === undefined ? this.#backoff.next() : previous.next(undefined);
    const retryAfterMs = isHttpStatusError(error) ? error.retryAfterMs : undefined;
    if (retryAfterMs !== undefined && retryAfterMs > this.#config.retryAfterCapMs) {
      return { retry: false, reason: "retry_after_above_cap" };
    }
    const delayMs = retryAfterMs ?? backoff.duration;
    if (delayMs >= remainingMs) {
      return { retry: false, reason: "deadline_too_close" };
    }
    // The budget is checked last, so a retry skipped for another reason never uses it up.
    if (!budget.tryRetry()) {
      return { retry: false, reason: "retry_budget_exhausted" };
    }
    return { retry: true, delayMs, backoff };
  }
}

/**
 * Returns whether an attempt's failure may be retried: a network error, a timeout of one attempt
 * or of its connect, headers or body phase, or a status listed in `retries.statuses`.
 */
export function isRetryableFailure(error: unknown, statuses: readonly number[]): boolean {
  if (isTimeoutError(error)) {
    return error.phase !== "call";
  }
  if (isHttpStatusError(error)) {
    return statuses.includes(error.status);
  }
  return isNetworkError(error);
}

/** Describes a failure in retry events: its error code, or `http_status:<status>`. */
export function describeFailure(error: unknown): string {
  if (isHttpStatusError(error)) {
    return `http_status:${error.status}`;
  }
  return isVendorError(error) ? error.code : "unknown";
}
