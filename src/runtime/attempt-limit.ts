/**
 * The time limit of each attempt and the clock that enforces the limits of a client's attempts.
 * An attempt ends at its own limit, `attemptMs`, or at the call's deadline if that comes first,
 * or when the caller aborts.
 */

/** The limit that ended an attempt early. */
export type FiredLimit = "attempt" | "call";

/**
 * The limit and abort signal of one attempt. The signal is the part of EventTarget that undici 7
 * uses (`aborted`, `reason` and `abort` listeners), so it costs one object per attempt.
 */
export class AttemptLimit {
  aborted = false;
  reason: unknown = undefined;
  /** `performance.now()` time at which the limit fires. */
  readonly endsAt: number;
  readonly #kind: FiredLimit;
  readonly #clock: AttemptClock;
  /** Abort listeners; undici adds one per request, and a redirect removes it before the next. */
  #listeners: Array<() => void> | undefined;
  #firedBy: FiredLimit | undefined;
  readonly #callerSignal: AbortSignal | undefined;
  readonly #onCallerAbort: (() => void) | undefined;

  /** Starts a limit of `kind` that fires at `endsAt` on `clock`, or when the caller aborts. */
  constructor(
    endsAt: number,
    kind: FiredLimit,
    clock: AttemptClock,
    callerSignal: AbortSignal | undefined,
  ) {
    this.endsAt = endsAt;
    this.#kind = kind;
    this.#clock = clock;
    this.#callerSignal = callerSignal;
    if (callerSignal !== undefined) {
      this.#onCallerAbort = () => this.#abort(callerSignal.reason);
      callerSignal.addEventListener("abort", this.#onCallerAbort, { once: true });
    }
    clock.watch(this);
  }

  /** The limit that aborted the attempt; undefined when none did. */
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

  /** Aborts the attempt because `endsAt` has passed; the clock calls it. */
  expire(): void {
    if (!this.aborted) {
      this.#firedBy = this.#kind;
      this.#abort(new Error(`${this.#kind} time limit reached`));
    }
  }

  /** Stops watching the limit and the caller's signal; call it once the attempt has settled. */
  end(): void {
    this.#clock.unwatch(this);
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

/**
 * One timer for the limits of all attempts of a client. Node.js keeps a list per timer duration
 * and deletes it when its last timer is cleared, so with a timer per attempt, a client making one
 * call after another created and deleted that list on every call. In bench/runtime-overhead.ts
 * that cost 2 to 3% of a 1 KB call on Node.js 20. The clock's timer is set for the earliest
 * limit, and starting an attempt with a later limit or ending one leaves it alone. When it fires,
 * it expires every limit that has passed and is set again for the earliest one left. While no
 * attempt is watched it is unref'd, so it never keeps the process alive on its own.
 */
export class AttemptClock {
  readonly #watched = new Set<AttemptLimit>();
  #timer: NodeJS.Timeout | undefined;
  /** `performance.now()` time the timer is set for; Infinity when no timer is set. */
  #firesAt = Infinity;

  /** Expires `limit` once its `endsAt` has passed, unless `unwatch` comes first. */
  watch(limit: AttemptLimit): void {
    this.#watched.add(limit);
    if (limit.endsAt < this.#firesAt) {
      this.#setTimer(limit.endsAt);
    } else if (this.#watched.size === 1) {
      this.#timer?.ref();
    }
  }

  /** Stops watching `limit`. */
  unwatch(limit: AttemptLimit): void {
    if (this.#watched.delete(limit) && this.#watched.size === 0) {
      this.#timer?.unref();
    }
  }

  #setTimer(firesAt: number): void {
    clearTimeout(this.#timer);
    this.#firesAt = firesAt;
    // Rounded up, so the timer does not fire before the limit; if libuv's clock lets it fire
    // early anyway, `#fire` finds nothing due and sets it again.
    const delayMs = Math.max(0, Math.ceil(firesAt - performance.now()));
    this.#timer = setTimeout(() => this.#fire(), delayMs);
  }

  #fire(): void {
    this.#timer = undefined;
    this.#firesAt = Infinity;
    const now = performance.now();
    const due: AttemptLimit[] = [];
    let next = Infinity;
    for (const limit of this.#watched) {
      if (limit.endsAt <= now) {
        due.push(limit);
        this.#watched.delete(limit);
      } else {
        next = Math.min(next, limit.endsAt);
      }
    }
    // The timer is set before any limit expires, so a throwing abort listener cannot stop it.
    if (next !== Infinity) {
      this.#setTimer(next);
    }
    for (const limit of due) {
      limit.expire();
    }
  }
}
