/**
 * The circuit breakers of one client: with `scope: client` one breaker shared by every
 * operation, with `scope: operation` one per operationId, created on its first call.
 */
import { ClientBreaker } from "./breaker.js";
import type { CircuitBreakerConfig } from "./config.js";
import type { BreakerState, EmitEvent } from "./events.js";

/** States of the client's breakers, as `health()` reports them. */
export interface BreakerReport {
  breaker: BreakerState;
  operations: Record<string, BreakerState>;
}

const severity: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/** Hands out the breaker of each operation under the configured scope. */
export class BreakerSet {
  readonly #config: CircuitBreakerConfig;
  readonly #vendor: string;
  readonly #emit: EmitEvent;
  readonly #shared: ClientBreaker | undefined;
  readonly #byOperation = new Map<string, ClientBreaker>();

  constructor(config: CircuitBreakerConfig, vendor: string, emit: EmitEvent) {
    this.#config = config;
    this.#vendor = vendor;
    this.#emit = emit;
    if (config.scope === "client") {
      this.#shared = new ClientBreaker(config, vendor, emit);
    }
  }

  /** Returns the breaker that guards calls of `operationId`. */
  breakerFor(operationId: string): ClientBreaker {
    if (this.#shared !== undefined) {
      return this.#shared;
    }
    let breaker = this.#byOperation.get(operationId);
    if (breaker === undefined) {
      breaker = new ClientBreaker(this.#config, this.#vendor, this.#emit, operationId);
      this.#byOperation.set(operationId, breaker);
    }
    return breaker;
  }

  /**
   * Returns the shared breaker's state, or with `scope: operation` the state of each operation
   * called so far, sorted by operationId, and the most severe of them as `breaker`.
   */
  report(): BreakerReport {
    if (this.#shared !== undefined) {
      return { breaker: this.#shared.state, operations: {} };
    }
    const operationIds = [...this.#byOperation.keys()].sort(compareCodeUnits);
    const operations: Record<string, BreakerState> = {};
    let worst: BreakerState = "closed";
    for (const operationId of operationIds) {
      const state = this.#byOperation.get(operationId)!.state;
      operations[operationId] = state;
      if (severity[state] > severity[worst]) {
        worst = state;
      }
    }
    return { breaker: worst, operations };
  }
}

function compareCodeUnits(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}
