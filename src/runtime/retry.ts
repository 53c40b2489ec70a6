/**
 * Retries one call with cockatiel: exponential backoff with optional full jitter, `Retry-After`
 * honoured up to a cap, and no delay that would end past the call's deadline.
 */
import { setTimeout as sleep } from "node:timers/promises";
import {
  DelegateBackoff,
  ExponentialBackoff,
  fullJitterGenerator,
  handleWhen,
  noJitterGenerator,
  retry,
  type IBackoff,
  type IRetryBackoffContext,
  type RetryPolicy,
} from "cockatiel";
import type { RetryConfig } from "./config.js";
import { isHttpStatusError, isNetworkError, isTimeoutError } from "./error-guards.js";
import { isVendorError } from "./errors.js";

/** Inputs of the retry policy of one call. */
export interface RetryPlan {
  config: RetryConfig;
  /** False when the method may not be retried, which limits the call to one attempt. */
  retryable: boolean;
  /** Milliseconds left until the call's deadline. */
  remainingMs: () => number;
  /** Reports that `attempt` (counting from 1) failed and the next one starts after `delayMs`. */
  onRetry: (attempt: number, delayMs: number, reason: string) => void;
}

/**
 * The retry policy of one call. cockatiel 3.2.1 sleeps between attempts with a timer that ignores
 * the abort signal, so the policy is given zero delays and the chosen delay is slept by
 * `waitBeforeAttempt`, which a caller's abort or the deadline cuts short.
 */
export class CallRetry {
  readonly policy: RetryPolicy;
  #nextDelayMs = 0;

  constructor(plan: RetryPlan) {
    const maxRetries = plan.retryable ? Math.max(0, plan.config.maxAttempts - 1) : 0;
    const filter = handleWhen((error) => isRetryableFailure(error, plan.config.statuses));
    this.policy = retry(filter, { maxAttempts: maxRetries, backoff: this.#createBackoff(plan) });
  }

  /**
   * Sleeps the backoff delay chosen after the previous attempt failed. `attemptIndex` counts
   * from 0, and the first attempt never waits.
   */
  async waitBeforeAttempt(attemptIndex: number, signal: AbortSignal): Promise<void> {
    if (attemptIndex > 0 && this.#nextDelayMs > 0) {
      await sleep(this.#nextDelayMs, undefined, { signal });
    }
  }

  #createBackoff(
    plan: RetryPlan,
  ): DelegateBackoff<IRetryBackoffContext<unknown>, IBackoff<unknown>> {
    const exponential = new ExponentialBackoff({
      initialDelay: plan.config.baseDelayMs,
      maxDelay: plan.config.maxDelayMs,
      generator: plan.config.jitter === "full" ? fullJitterGenerator : noJitterGenerator,
    });
    return new DelegateBackoff((context, previous?: IBackoff<unknown>) => {
      const step = previous === undefined ? exponential.next() : previous.next(undefined);
      const error = "error" in context.result ? context.result.error : undefined;
      this.#nextDelayMs = chooseDelay(error, step.duration, plan);
      plan.onRetry(context.attempt, this.#nextDelayMs, describeFailure(error));
      return { delay: 0, state: step };
    });
  }
}

/**
 * Returns the delay before the next attempt: the server's `Retry-After` when it sent one, else
 * the backoff delay. Throws the failure itself, which ends the call with it, when `Retry-After`
 * exceeds the cap or the delay would not end before the call's deadline.
 */
function chooseDelay(error: Error | undefined, backoffMs: number, plan: RetryPlan): number {
  const retryAfterMs = isHttpStatusError(error) ? error.retryAfterMs : undefined;
  if (retryAfterMs !== undefined && retryAfterMs > plan.config.retryAfterCapMs) {
    throw error;
  }
  const delayMs = retryAfterMs ?? backoffMs;
  if (delayMs >= plan.remainingMs()) {
    throw error;
  }
  return delayMs;
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

function describeFailure(error: Error | undefined): string {
  if (isHttpStatusError(error)) {
    return `http_status:${error.status}`;
  }
  return isVendorError(error) ? error.code : "unknown";
}
