/**
 * The time limits of one call: the caller's signal, the whole-call limit `callMs` and the limit
 * of each attempt `attemptMs`. Errors thrown while a signal is aborted are attributed to the
 * signal that fired, so a caller's abort is never mistaken for a timeout or a network error.
 */
import { TimeoutError, isVendorError, type ErrorContext } from "./errors.js";
import { toTransportError } from "./transport-errors.js";

/** Tracks the deadline of one call and hands out the signals of its attempts. */
export class CallDeadline {
  /** Aborts when the caller aborts or `callMs` has passed. */
  readonly signal: AbortSignal;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #callTimeout: AbortSignal;
  readonly #endsAt: number;

  constructor(callMs: number, callerSignal: AbortSignal | undefined) {
    this.#callerSignal = callerSignal;
    this.#callTimeout = AbortSignal.timeout(callMs);
    this.#endsAt = performance.now() + callMs;
    this.signal = callerSignal
      ? AbortSignal.any([callerSignal, this.#callTimeout])
      : this.#callTimeout;
  }

  /** Milliseconds left until the call's deadline; zero or less once it has passed. */
  remainingMs(): number {
    return this.#endsAt - performance.now();
  }

  /** Returns a signal for one attempt: it aborts with the call or after `attemptMs`. */
  attemptSignal(attemptMs: number): AbortSignal {
    return AbortSignal.any([this.signal, AbortSignal.timeout(attemptMs)]);
  }

  /** Throws the caller's abort reason or a call TimeoutError if either signal has fired. */
  throwIfEnded(context: ErrorContext): void {
    if (this.#callerSignal?.aborted) {
      throw this.#callerSignal.reason;
    }
    if (this.#callTimeout.aborted) {
      throw new TimeoutError(context, "call");
    }
  }

  /**
   * Converts an error thrown during an attempt into what the call reports: the caller's abort
   * reason, a TimeoutError of the call or attempt, a VendorError unchanged, or a transport error
   * for errors with a Node or undici `code`. Anything else, such as a bug, is returned as is.
   */
  classify(error: unknown, attemptSignal: AbortSignal | undefined, context: ErrorContext): unknown {
    if (this.#callerSignal?.aborted) {
      return this.#callerSignal.reason;
    }
    if (this.#callTimeout.aborted) {
      return new TimeoutError(context, "call", error);
    }
    if (attemptSignal?.aborted) {
      return new TimeoutError(context, "attempt", error);
    }
    if (isVendorError(error) || !hasCode(error)) {
      return error;
    }
    return toTransportError(error, context);
  }

  /** Settles with `promise`, or rejects as soon as the call's signal aborts. */
  race<T>(promise: Promise<T>): Promise<T> {
    if (this.signal.aborted) {
      return Promise.reject(this.signal.reason);
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.signal.reason);
      this.signal.addEventListener("abort", onAbort, { once: true });
      promise
        .then(resolve, reject)
        .finally(() => this.signal.removeEventListener("abort", onAbort));
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
