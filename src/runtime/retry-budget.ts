/**
 * The client's retry budget. Over a sliding window, retries may not exceed `ratio` times the
 * calls sent plus a floor of `minPerSecond` for each second of the window, so a failing vendor
 * receives at most that much extra load however many callers retry. The window is kept in ten
 * buckets, so a call or retry leaves it up to a tenth of `windowMs` later than it is due.
 */
import type { RetryBudgetConfig } from "./config.js";

const bucketCount = 10;

// Products such as 0.29 * 100 come out just below the exact value in binary floating point.
const tolerance = 1e-9;

interface Bucket {
  /** Number of the time slot the counts belong to: `floor(now / bucketMs)`. */
  slot: number;
  calls: number;
  retries: number;
}

/** Counts calls and retries over the window and decides whether one more retry is allowed. */
export class RetryBudget {
  readonly #ratio: number;
  readonly #floor: number;
  readonly #bucketMs: number;
  readonly #buckets: Bucket[];

  constructor(config: RetryBudgetConfig) {
    this.#ratio = config.ratio;
    this.#floor = (config.minPerSecond * config.windowMs) / 1000;
    this.#bucketMs = config.windowMs / bucketCount;
    this.#buckets = Array.from({ length: bucketCount }, () => ({ slot: -1, calls: 0, retries: 0 }));
  }

  /** Records that a call sent its first attempt, which earns `ratio` of a retry. */
  recordCall(): void {
    this.#currentBucket().calls += 1;
  }

  /** Takes one retry from the budget and returns true, or returns false when it is spent. */
  tryRetry(): boolean {
    const current = this.#currentBucket();
    let calls = 0;
    let retries = 0;
    for (const bucket of this.#buckets) {
      if (bucket.slot > current.slot - bucketCount) {
        calls += bucket.calls;
        retries += bucket.retries;
      }
    }
    if (retries + 1 > this.#floor + this.#ratio * calls + tolerance) {
      return false;
    }
    current.retries += 1;
    return true;
  }

  /** Returns the bucket of the current time slot, emptied first if it held an older slot. */
  #currentBucket(): Bucket {
    const slot = Math.floor(performance.now() / this.#bucketMs);
    const bucket = this.#buckets[slot % bucketCount]!;
    if (bucket.slot !== slot) {
      bucket.slot = slot;
      bucket.calls = 0;
      bucket.retries = 0;
    }
    return bucket;
  }
}
