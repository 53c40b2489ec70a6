/**
 * Typed events that a client reports to `ClientOptions.onEvent`. The runtime never logs: users
 * wire these events to their own logger or metrics. No event contains a credential.
 */
import type { ValidationIssue } from "./errors.js";

/** State of the client's circuit breaker. */
export type BreakerState = "closed" | "open" | "half_open";

/** Fields shared by every event about one call. */
export interface CallEventFields {
  vendor: string;
  operationId: string;
  method: string;
  /** Origin and path only, because a query string may carry an API key. */
  url: string;
}

/** An attempt is about to be sent; `attempt` counts from 1. */
export interface RequestEvent extends CallEventFields {
  type: "request";
  attempt: number;
}

/** Response headers arrived for an attempt, `durationMs` after it was sent. */
export interface ResponseEvent extends CallEventFields {
  type: "response";
  attempt: number;
  status: number;
  durationMs: number;
}

/** An attempt failed and the next one starts after `delayMs`. */
export interface RetryEvent extends CallEventFields {
  type: "retry";
  /** The attempt that failed, counting from 1. */
  attempt: number;
  delayMs: number;
  /** Error code of the failed attempt, or `http_status:<status>`. */
  reason: string;
}

/** Reason that a failed attempt which could be retried was not. */
export type RetrySkipReason =
  "retry_budget_exhausted" | "retry_after_above_cap" | "deadline_too_close";

/**
 * An attempt failed with a retryable error and no attempt follows, so the call fails with that
 * error: the client's retry budget is spent, the server asked for a longer wait than
 * `retryAfterCapMs`, or the delay would end past the call's deadline.
 */
export interface RetrySkippedEvent extends CallEventFields {
  type: "retry_skipped";
  /** The attempt that failed, counting from 1. */
  attempt: number;
  reason: RetrySkipReason;
  /** Error code of the failed attempt, or `http_status:<status>`. */
  failure: string;
}

/** A circuit breaker changed state. */
export interface BreakerEvent {
  type: "breaker";
  vendor: string;
  /** Set when `circuitBreaker.scope` is `operation`: the operation whose breaker changed. */
  operationId?: string;
  state: BreakerState;
}

/** A response body failed validation; with `mode: "report"` the call still returns it. */
export interface ValidationFailureEvent extends CallEventFields {
  type: "validation_failure";
  status: number;
  issues: ValidationIssue[];
  mode: "enforce" | "report";
}

export type RuntimeEvent =
  | RequestEvent
  | ResponseEvent
  | RetryEvent
  | RetrySkippedEvent
  | BreakerEvent
  | ValidationFailureEvent;

/** Receives every runtime event; it runs synchronously, and anything it throws is ignored. */
export type RuntimeEventListener = (event: RuntimeEvent) => void;

/** Function the runtime calls to report an event. */
export type EmitEvent = (event: RuntimeEvent) => void;

/**
 * Wraps a listener so that it can never break a call: a throw or a rejected promise from the
 * listener is swallowed. Without a listener, events go nowhere.
 */
export function createEventEmitter(listener: RuntimeEventListener | undefined): EmitEvent {
  if (listener === undefined) {
    return () => {};
  }
  return (event) => {
    try {
      const result: unknown = listener(event);
      if (isPromiseLike(result)) {
        // An async listener's rejection would otherwise become an unhandled rejection.
        result.then(undefined, () => {});
      }
    } catch {
      // A broken listener is the user's bug, and the call's outcome must not depend on it.
    }
  };
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}

/** Returns the event fields of a call from its error context; the context's URL has no query. */
export function callEventFields(context: CallEventFields): CallEventFields {
  return {
    vendor: context.vendor,
    operationId: context.operationId,
    method: context.method,
    url: context.url,
  };
}
