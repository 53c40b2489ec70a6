/**
 * One circuit breaker, built on cockatiel. It counts calls, not attempts: a call that still fails
 * after its retries is one failure. In `consecutive` mode `failureThreshold` failed calls in a row
 * open it; in `rate` mode a failure rate above `rate.threshold` over `rate.windowMs` does, once
 * the window holds `rate.minimumCalls` calls. After `halfOpenAfterMs` one probe call is let
 * through, and its outcome closes or reopens the breaker.
 */
import {
  CircuitState,
  ConsecutiveBreaker,
  SamplingBreaker,
  circuitBreaker,
  handleWhen,
  isBrokenCircuitError,
  isIsolatedCircuitError,
  type CircuitBreakerPolicy,
  type IBreaker,
} from "cockatiel";
import type { CircuitBreakerConfig } from "./config.js";
import {
  isHttpStatusError,
  isNetworkError,
  isResponseValidationError,
  isTimeoutError,
} from "./error-guards.js";
import type { BreakerState, EmitEvent } from "./events.js";

/** A circuit breaker for the whole client or, with `scope: operation`, for one operation. */
export class ClientBreaker {
  readonly policy: CircuitBreakerPolicy;

  /** `operationId` is set for the breaker of one operation and goes into its events. */
  constructor(config: CircuitBreakerConfig, vendor: string, emit: EmitEvent, operationId?: string) {
    const isFailure = (error: Error) =>
      isBreakerFailure(error) ||
      (config.countValidationFailures && isResponseValidationError(error));
    this.policy = circuitBreaker(handleWhen(isFailure), {
      halfOpenAfter: config.halfOpenAfterMs,
      breaker: createBreaker(config),
    });
    this.policy.onStateChange((state) => {
      const event = { type: "breaker" as const, vendor, state: toBreakerState(state) };
      emit(operationId === undefined ? event : { ...event, operationId });
    });
  }

  /** Current state; an open breaker reports `open` until the next call after `halfOpenAfterMs`. */
  get state(): BreakerState {
    return toBreakerState(this.policy.state);
  }
}

function createBreaker(config: CircuitBreakerConfig): IBreaker {
  if (config.mode === "consecutive") {
    return new ConsecutiveBreaker(config.failureThreshold);
  }
  const { threshold, minimumCalls, windowMs } = config.rate;
  return new SamplingBreaker({
    threshold,
    duration: windowMs,
    minimumRps: minimumRpsFor(minimumCalls, windowMs),
  });
}

/**
 * Converts `minimumCalls` into the `minimumRps` of cockatiel 3.2.1's SamplingBreaker. It stays
 * closed while its window holds fewer calls than `minimumRps` times the window's length, which
 * it rounds to a multiple of its bucket count, `max(5, ceil(windowMs / 1000))`. Aiming half a
 * call below `minimumCalls` keeps float rounding from moving the limit by one call.
 */
function minimumRpsFor(minimumCalls: number, windowMs: number): number {
  const buckets = Math.max(5, Math.ceil(windowMs / 1000));
  const effectiveWindowMs = Math.round(windowMs / buckets) * buckets;
  return ((minimumCalls - 0.5) * 1000) / effectiveWindowMs;
}

/**
 * Returns whether a failed call counts against the breaker: network errors, timeouts and
 * statuses 429 and 5xx, which mean the vendor is unavailable. Other errors, such as client
 * errors (4xx), a caller's abort and, unless `countValidationFailures` is set, validation
 * failures, count neither as failures nor as successes. The exception is a half-open breaker,
 * which they close, because cockatiel treats them as a successful probe.
 */
export function isBreakerFailure(error: unknown): boolean {
  if (isHttpStatusError(error)) {
    return error.status === 429 || error.status >= 500;
  }
  return isNetworkError(error) || isTimeoutError(error);
}

/** Returns whether cockatiel rejected a call because the breaker is open. */
export function isCircuitRejection(error: unknown): boolean {
  return isBrokenCircuitError(error) || isIsolatedCircuitError(error);
}

function toBreakerState(state: CircuitState): BreakerState {
  switch (state) {
    case CircuitState.Closed:
      return "closed";
    case CircuitState.HalfOpen:
      return "half_open";
    case CircuitState.Open:
    case CircuitState.Isolated:
      return "open";
  }
}
