/** Options of a generated client's constructor, and the report that `health()` returns. */
import type { SecretProviders } from "./secrets.js";
import type { BreakerState, RuntimeEventListener } from "./events.js";
import type { CaInput } from "./trust-store.js";

/** Options a user passes to a generated client's constructor. */
export interface ClientOptions {
  /** Extra trusted CA certificates in PEM form, added to the default, system and policy CAs. */
  ca?: CaInput;
  /** Secret provider functions, named by `SecretSource.provider`; called on every call. */
  secrets?: SecretProviders;
  /** Receives runtime events; nothing is reported or logged without it. */
  onEvent?: RuntimeEventListener;
  /** Environment that `env` secret and CA sources read; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
}

/** The client's state as `health()` reports it. */
export interface HealthReport {
  vendor: string;
  /**
   * With `circuitBreaker.scope: client`, the state of the client's breaker. With `operation`,
   * the most severe state of the operations' breakers (`open`, then `half_open`, then `closed`).
   */
  breaker: BreakerState;
  /**
   * With `scope: operation`, the breaker state of every operation called so far, keyed by
   * operationId in code-unit order; empty with `scope: client`.
   */
  operations: Record<string, BreakerState>;
}
