/**
 * The time limits of one call: the caller's signal, the whole-call limit `callMs` and the limit
 * of each attempt `attemptMs`. Errors thrown after a limit fired are attributed to that limit,
 * so a caller's abort is never mistaken for a timeout or a network error.
 *
 * Each attempt gets one timer, which fires at whichever limit comes first, and its own abort
 * signal, which is a small object rather than an AbortSignal. The call has no signal of its own.
 * Under Node.js 20, AbortSignal.timeout, AbortSignal.any and listeners on AbortSignals made up
 * about half of the time the runtime added to a 1 KB call in bench/runtime-overhead.ts.
 */
import { TimeoutError, isVendorError, type ErrorContext } from "./errors.js";
import { toTransportError } from "./transport-errors.js";

/** The limit that ended an attempt early. */
type FiredLimit = "attempt" | "call";

/**
 * The signal and timer of one attempt. The signal is the part of EventTarget that undici 7 uses
 * (`aborted`, `reason` and `abort` listeners), so it costs one object per attempt.
 */
export class AttemptLimit {
  aborted = false;
  reason: unknown = undefined;
  /** Abort listeners; undici adds one per request, and a redirect removes it before the next. */
  #listeners: Array<() => void> | undefined;
  #firedBy: FiredLimit | undefined;
  readonly #timer: NodeJS.Timeout;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #onCallerAbort: (() => void) | undefined;

  constructor(limitMs: number, limit: FiredLimit, callerSignal: AbortSignal | undefined) {
    this.#timer = setTimeout(() => {
      this.#firedBy = limit;
      this.#abort(new Error(`${limit} time limit reached`));
    }, limitMs);
    this.#callerSignal = callerSignal;
    if (callerSignal !== undefined) {
      this.#onCallerAbort = () => this.#abort(callerSignal.reason);
      callerSignal.addEventListener("abort", this.#onCallerAbort, { once: true });
    }
  }

  /** The limit whose timer aborted the attempt; undefined when none did. */
  get firedBy(): FiredLimit | undefined {
    return this.#firedBy;
  }

  /** Calls `listener` once when the attempt is aborted; other event types are ignored. */
  addEventListener(type: string, listener: () => void): void {
    if (type === "abort" && !this.aborted) {
      (this.#listeners ??= []).push(listener);
    }
  }

  /** Removes a listener added with `addEventListener`. */
  removeEventListener(type: string, listener: () => void): void {
    const listeners = this.#listeners;
    if (type !== "abort" || listeners === undefined) {
      return;
    }
    const index = listeners.indexOf(listener);
    if (index !== -1) {
      // Listeners run in no particular order, so the last one fills the gap without a copy.
      listeners[index] = listeners[listeners.length - 1]!;
      listeners.pop();
    }
  }

  /** Stops the timer and the caller listener; call it once the attempt has settled. */
  end(): void {
    clearTimeout(this.#timer);
    if (this.#onCallerAbort !== undefined) {
      this.#callerSignal?.removeEventListener("abort", this.#onCallerAbort);
    }
  }

  #abort(reason: unknown): void {
    if (this.aborted) {
      return;
    }
    this.aborted = true;
    this.reason = reason;
    const listeners = this.#listeners ?? [];
    this.#listeners = undefined;
    for (const listener of listeners) {
      listener();
    }
  }
}

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
   * Starts the limit of one attempt: it aborts after `attemptMs`, at the call's deadline if
   * that comes first, or when the caller aborts. Throws if the call has already ended.
   */
  startAttempt(attemptMs: number, context: ErrorContext): AttemptLimit {
    this.throwIfEnded(context);
    // Rounded up, so the timer never fires before the deadline; Node.js keeps one timer list per
    // distinct delay, and whole milliseconds let calls share them.
    const remainingMs = Math.ceil(this.remainingMs());
    if (remainingMs <= attemptMs) {
      return new AttemptLimit(remainingMs, "call", this.callerSignal);
    }
    return new AttemptLimit(attemptMs, "attempt", this.callerSignal);
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
