/**
 * The time limits of one call: the caller's signal, the whole-call limit `callMs` and the limit
 * of each attempt `attemptMs`. Errors thrown after a limit fired are attributed to that limit,
 * so a caller's abort is never mistaken for a timeout or a network error.
 *
 * Each attempt gets one timer, which fires at whichever limit comes first. Its signal is an
 * EventEmitter rather than an AbortSignal, and the call has no signal of its own. Under Node.js
 * 20, AbortSignal.timeout, AbortSignal.any and listeners on AbortSignals made up about half of
 * the time the runtime added to a 1 KB call in bench/runtime-overhead.ts.
 */
import { EventEmitter } from "node:events";
import { TimeoutError, isVendorError, type ErrorContext } from "./errors.js";
import { toTransportError } from "./transport-errors.js";

/** The limit that ended an attempt early. */
type FiredLimit = "attempt" | "call";

/**
 * The abort signal of one attempt: an EventEmitter with `aborted` and `reason` that emits
 * `abort` once, a form undici 7 accepts wherever it takes an AbortSignal.
 */
export class AttemptSignal extends EventEmitter {
  aborted = false;
  reason: unknown = undefined;

  /** Marks the signal aborted with `reason` and emits `abort`; later calls do nothing. */
  abort(reason: unknown): void {
    if (!this.aborted) {
      this.aborted = true;
      this.reason = reason;
      this.emit("abort");
    }
  }
}

/** The signal of one attempt and the limit that aborted it, if one did. */
export class AttemptLimit {
  readonly signal = new AttemptSignal();
  #firedBy: FiredLimit | undefined;
  readonly #timer: NodeJS.Timeout;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #onCallerAbort: (() => void) | undefined;

  constructor(limitMs: number, limit: FiredLimit, callerSignal: AbortSignal | undefined) {
    this.#timer = setTimeout(() => {
      this.#firedBy = limit;
      this.signal.abort(new Error(`${limit} time limit reached`));
    }, limitMs);
    this.#callerSignal = callerSignal;
    if (callerSignal !== undefined) {
      this.#onCallerAbort = () => this.signal.abort(callerSignal.reason);
      callerSignal.addEventListener("abort", this.#onCallerAbort, { once: true });
    }
  }

  /** The limit whose timer aborted the attempt; undefined when none did. */
  get firedBy(): FiredLimit | undefined {
    return this.#firedBy;
  }

  /** Stops the timer and the caller listener; call it once the attempt has settled. */
  end(): void {
    clearTimeout(this.#timer);
    if (this.#onCallerAbort !== undefined) {
      this.#callerSignal?.removeEventListener("abort", this.#onCallerAbort);
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
