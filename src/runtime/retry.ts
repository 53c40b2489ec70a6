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
import type { RetrySkipReason } from "./events.js";
import type { RetryBudget } from "./retry-budget.js";

/** Inputs of the retry policy of one call. */
export interface RetryPlan {
  config: RetryConfig;
  /** False when the method may not be retried, which limits the call to one attempt. */
  retryable: boolean;
  /** Milliseconds left until the call's deadline. */
  remainingMs: () => number;
  /** The client-wide budget that every retry is taken from. */
  budget: RetryBudget;
  /** Reports that `attempt` (counting from 1) failed and the next one starts after `delayMs`. */
  onRetry: (attempt: number, delayMs: number, reason: string) => void;
  /** Reports that `attempt` failed with a retryable `failure` and is not retried. */
  onSkipped: (attempt: number, reason: RetrySkipReason, failure: string) => void;
}

/**
 * The retry policy of one call. cockatiel 3.2.1 sleeps between attempts with a timer that ignores
 * the abort signal, so the policy is given zero delays and the chosen delay is slept by
 * `waitBeforeAttempt`, which a caller's abort cuts short. A delay is only chosen when it ends
 * before the call's deadline.
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
   * Sleeps the backoff delay chosen after the previous attempt failed. Returns undefined when
   * there is nothing to wait for, so that the first attempt awaits nothing. `attemptIndex`
   * counts from 0, and the first attempt never waits.
   */
  waitBeforeAttempt(
    attemptIndex: number,
    signal: AbortSignal | undefined,
  ): Promise<void> | undefined {
    if (attemptIndex === 0 || this.#nextDelayMs <= 0) {
      return undefined;
    }
    return sleep(this.#nextDelayMs, undefined, signal === undefined ? {} : { signal });
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
      const decision = decideRetry(error, step.duration, plan);
      if (typeof decision === "string") {
        plan.onSkipped(context.attempt, decision, describeFailure(error));
        // Thrown from the backoff, the failure ends the call as it is.
        throw error;
      }
      this.#nextDelayMs = decision;
      plan.onRetry(context.attempt, decision, describeFailure(error));
      return { delay: 0, state: step };
    });
  }
}

/**
 * Returns the delay before the next attempt, which is the server's `Retry-After` when it sent one
 * and the backoff delay otherwise. Returns why there is no next attempt instead when
 * `Retry-After` exceeds the cap, the delay would not end before the call's deadline or the retry
 * budget is spent. The budget is checked last, so a skipped retry never uses it up.
 */
function decideRetry(
  error: Error | undefined,
  backoffMs: number,
  plan: RetryPlan,
): number | RetrySkipReason {
  const retryAfterMs = isHttpStatusError(error) ? error.retryAfterMs : undefined;
  if (retryAfterMs !== undefined && retryAfterMs > plan.config.retryAfterCapMs) {
    return "retry_after_above_cap";
  }
  const delayMs = retryAfterMs ?? backoffMs;
  if (delayMs >= plan.remainingMs()) {
    return "deadline_too_close";
  }
  if (!plan.budget.tryRetry()) {
    return "retry_budget_exhausted";
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
