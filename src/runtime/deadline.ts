/**
 * The time limits of one call: the caller's signal, the whole-call limit `callMs` and the limit
 * of each attempt `attemptMs`. Errors thrown after a limit fired are attributed to that limit,
 * so a caller's abort is never mistaken for a timeout or a network error.
 *
 * Each attempt gets one limit, which fires at whichever of the two comes first, on the client's
 * AttemptClock, and its own abort signal, which is a small object rather than an AbortSignal.
 * The call has no signal of its own.
 * Under Node.js 20, AbortSignal.timeout, AbortSignal.any and listeners on AbortSignals made up
 * about half of the time the runtime added to a 1 KB call in bench/runtime-overhead.ts.
 */
import { AttemptLimit, type AttemptClock } from "./attempt-limit.js";
import { TimeoutError, isVendorError, type ErrorContext } from "./errors.js";
import { toTransportError } from "./transport-errors.js";

/** Tracks the deadline of one call and hands out the limits of its attempts. */
export class CallDeadline {
  /** The caller's signal, which also cuts a backoff delay short; undefined without one. */
  readonly callerSignal: AbortSignal | undefined;
  readonly #endsAt: number;
  #expired = false;

  constructor(callMs: number, callerSignal: AbortSignal | undefined) {
    this.callerSignal = callerSignal;
    this.#endsAt = performance.now() + callMs;
  }

  /** Milliseconds left until the call's deadline; zero or less once it has passed. */
  remainingMs(): number {
    return this.#endsAt - performance.now();
  }

  /**
   * Starts the limit of one attempt on `clock`: it aborts after `attemptMs`, at the call's
   * deadline if that comes first, or when the caller aborts. Throws if the call has already ended.
   */
  startAttempt(attemptMs: number, clock: AttemptClock, context: ErrorContext): AttemptLimit {
    this.throwIfEnded(context);
    const attemptEndsAt = performance.now() + attemptMs;
    if (this.#endsAt <= attemptEndsAt) {
      return new AttemptLimit(this.#endsAt, "call", clock, this.callerSignal);
    }
    return new AttemptLimit(attemptEndsAt, "attempt", clock, this.callerSignal);
  }

  /** Throws the caller's abort reason or a call TimeoutError if the call has ended. */
  throwIfEnded(context: ErrorContext): void {
    if (this.callerSignal?.aborted) {
      throw this.callerSignal.reason;
    }
    if (this.#expired || this.remainingMs() <= 0) {
      throw new TimeoutError(context, "call");
    }
  }

  /**
   * Converts an error thrown during an attempt into what the call reports: the caller's abort
   * reason, a TimeoutError of the call or attempt, a VendorError unchanged, or a transport error
   * for errors with a Node or undici `code`. Anything else, such as a bug, is returned as is.
   */
  classify(error: unknown, attempt: AttemptLimit | undefined, context: ErrorContext): unknown {
    if (this.callerSignal?.aborted) {
      return this.callerSignal.reason;
    }
    if (attempt?.firedBy === "call") {
      this.#expired = true;
    }
    if (this.#expired) {
      return new TimeoutError(context, "call", error);
    }
    if (attempt?.firedBy === "attempt") {
      return new TimeoutError(context, "attempt", error);
    }
    if (isVendorError(error) || !hasCode(error)) {
      return error;
    }
    return toTransportError(error, context);
  }

  /**
   * Settles with `promise`, or rejects when the call's deadline passes (with a call
   * TimeoutError) or the caller aborts (with its reason) first.
   */
  race<T>(promise: Promise<T>, context: ErrorContext): Promise<T> {
    try {
      this.throwIfEnded(context);
    } catch (error) {
      return Promise.reject(error);
    }
    const callerSignal = this.callerSignal;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#expired = true;
        reject(new TimeoutError(context, "call"));
      }, Math.ceil(this.remainingMs()));
      const onAbort = () => reject(callerSignal?.reason);
      callerSignal?.addEventListener("abort", onAbort, { once: true });
      promise.then(resolve, reject).finally(() => {
        clearTimeout(timer);
        callerSignal?.removeEventListener("abort", onAbort);
      });
    });
  }
}

function hasCode(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as { code?: unknown }).code === "string"
  );
}
