/**
 * The resolved policy as the runtime sees it. The generator writes one of these, fully defaulted,
 * into each client's `policy.ts`; nothing in the runtime fills in a default again.
 */

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";

/** Where a secret comes from: an environment variable read on every call, or a provider function. */
export type SecretSource = { env: string } | { provider: string };

/** How the client authenticates; `none` sends no credentials. */
export type AuthConfig =
  | { scheme: "none" }
  | { scheme: "bearer"; secret: SecretSource }
  | { scheme: "apiKey"; in: "header" | "query" | "cookie"; name: string; secret: SecretSource }
  | { scheme: "basic"; username: SecretSource; password: SecretSource };

/** A PEM certificate source for extra trusted CAs. */
export type CertificateSource = { file: string } | { env: string };

export interface TimeoutConfig {
  /** Time to open the TCP and TLS connection, in milliseconds. */
  connectMs: number;
  /** Time from sending the request to receiving the response headers, in milliseconds. */
  headersMs: number;
  /** Longest pause between two body chunks, in milliseconds. */
  bodyMs: number;
  /** Whole time of one attempt, in milliseconds. */
  attemptMs: number;
  /** Whole time of one call including every retry and backoff delay, in milliseconds. */
  callMs: number;
}

export interface RetryConfig {
  /** Attempts in total, the first one included; 1 turns retries off. */
  maxAttempts: number;
  /** First backoff delay, in milliseconds; each retry doubles it. */
  baseDelayMs: number;
  /** Upper bound of one backoff delay, in milliseconds. */
  maxDelayMs: number;
  /** `full` draws each delay uniformly from zero to the exponential delay; `none` uses it as is. */
  jitter: "full" | "none";
  /** Response statuses that are retried. */
  statuses: number[];
  /** Methods that are retried; others only with an idempotency-key header. */
  methods: HttpMethod[];
  /** Longest `Retry-After` delay that is honoured, in milliseconds; a longer one fails the call. */
  retryAfterCapMs: number;
}

export interface CircuitBreakerConfig {
  /** Consecutive failed calls that open the breaker. */
  failureThreshold: number;
  /** Time the breaker stays open before it lets one probe call through, in milliseconds. */
  halfOpenAfterMs: number;
}

/** Redirect handling: `none` turns every 3xx into an error; `sameOrigin` follows up to `max`. */
export type RedirectConfig = { mode: "none" } | { mode: "sameOrigin"; max: number };

/** Per-operation settings that override the client-wide ones. */
export interface OperationOverride {
  timeouts?: Partial<TimeoutConfig>;
  retries?: Partial<RetryConfig>;
  /** `report` returns data that failed validation and fires an event; `enforce` throws. */
  validation?: "enforce" | "report";
  /** Header that carries a per-call idempotency key, which makes POST and PATCH retryable. */
  idempotencyKeyHeader?: string;
}

export interface RuntimeConfig {
  /** Vendor name, carried by every error and event. */
  vendor: string;
  /** Pinned origin and base path, e.g. `https://api.github.com`; scheme, host and port never change. */
  baseUrl: string;
  /** Hosts that requests may go to; the base URL's host is always among them. */
  allowedHosts: string[];
  /** Allows plain http, and only to loopback hosts; meant for tests. */
  allowInsecureHttp: boolean;
  auth: AuthConfig;
  tls: { minVersion: "TLSv1.2" | "TLSv1.3"; ca: CertificateSource[] };
  timeouts: TimeoutConfig;
  retries: RetryConfig;
  circuitBreaker: CircuitBreakerConfig;
  redirects: RedirectConfig;
  /** Largest response body accepted, in bytes, counted after decompression. */
  maxResponseBytes: number;
  /** Overrides keyed by operationId as written in the vendor's document. */
  operations: Record<string, OperationOverride>;
}
