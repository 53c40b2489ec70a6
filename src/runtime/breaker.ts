/**
 * The client's circuit breaker, built on cockatiel. It counts calls, not attempts: a call that
 * still fails after its retries is one failure, and `failureThreshold` consecutive failures open
 * the breaker. After `halfOpenAfterMs` one probe call is let through, and its outcome closes or
 * reopens the breaker.
 */
import {
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  handleWhen,
  isBrokenCircuitError,
  isIsolatedCircuitError,
  type CircuitBreakerPolicy,
} from "cockatiel";
import type { CircuitBreakerConfig } from "./config.js";
import { isHttpStatusError, isNetworkError, isTimeoutError } from "./error-guards.js";
import type { BreakerState, EmitEvent } from "./events.js";

/** One circuit breaker per client, shared by all its operations. */
export class ClientBreaker {
  readonly policy: CircuitBreakerPolicy;

  constructor(config: CircuitBreakerConfig, vendor: string, emit: EmitEvent) {
    this.policy = circuitBreaker(handleWhen(isBreakerFailure), {
      halfOpenAfter: config.halfOpenAfterMs,
      breaker: new ConsecutiveBreaker(config.failureThreshold),
    });
    this.policy.onStateChange((state) => {
      emit({ type: "breaker", vendor, state: toBreakerState(state) });
    });
  }

  /** Current state; an open breaker reports `open` until the next call after `halfOpenAfterMs`. */
  get state(): BreakerState {
    return toBreakerState(this.policy.state);
  }
}

/**
 * Returns whether a failed call counts against the breaker: network errors, timeouts and
 * statuses 429 and 5xx, which mean the vendor is unavailable. Other errors, such as validation
 * failures, client errors (4xx) and a caller's abort, neither count nor reset the count, except
 * that they close a half-open breaker, as cockatiel treats them as a successful probe.
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
