/**
 * The resolved policy as the runtime sees it. The generator writes one of these, fully defaulted,
 * into each client's `policy.ts`; nothing in the runtime fills in a default again.
 */

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";

/** Where a secret comes from: an environment variable read on every call, or a provider function. */
export type SecretSource = { env: string } | { provider: string };

/**
 * OAuth 2.0 client credentials grant (RFC 6749, section 4.4). The access token is fetched from
 * `tokenUrl`, cached until shortly before it expires and sent as a Bearer token.
 */
export interface OAuth2ClientCredentialsConfig {
  scheme: "oauth2ClientCredentials";
  /** Token endpoint; https, or http to loopback with `allowInsecureHttp`, on an allowed host. */
  tokenUrl: string;
  clientId: SecretSource;
  clientSecret: SecretSource;
  /** Scopes requested with every token; none sends no `scope` parameter. */
  scopes: string[];
  /** `basic` sends the client credentials in an Authorization header, `body` as form fields. */
  clientAuthentication: "basic" | "body";
}

/** How the client authenticates; `none` sends no credentials. */
export type AuthConfig =
  | { scheme: "none" }
  | { scheme: "bearer"; secret: SecretSource }
  | { scheme: "apiKey"; in: "header" | "query" | "cookie"; name: string; secret: SecretSource }
  | { scheme: "basic"; username: SecretSource; password: SecretSource }
  | OAuth2ClientCredentialsConfig;

/** A PEM certificate source: a file, or an environment variable that holds the PEM text. */
export type CertificateSource = { file: string } | { env: string };

/** Where the client certificate's private key comes from; a provider returns PEM text. */
export type PrivateKeySource = CertificateSource | { provider: string };

/** The certificate and key the client presents to the pinned origin for mutual TLS. */
export interface ClientCertificateConfig {
  cert: CertificateSource;
  key: PrivateKeySource;
}

export interface TlsConfig {
  minVersion: "TLSv1.2" | "TLSv1.3";
  /** Extra trusted CA certificates. */
  ca: CertificateSource[];
  /** Client certificate for mutual TLS; absent when the vendor does not ask for one. */
  clientCertificate?: ClientCertificateConfig;
}

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
  /** Client-wide limit on retries relative to calls; operation overrides cannot change it. */
  budget: RetryBudgetConfig;
}

/**
 * Over the last `windowMs`, retries may not exceed `ratio` times the calls sent plus
 * `minPerSecond` times the window's length in seconds.
 */
export interface RetryBudgetConfig {
  ratio: number;
  minPerSecond: number;
  windowMs: number;
}

export interface CircuitBreakerConfig {
  /** `consecutive` opens after `failureThreshold` failed calls in a row, `rate` on a failure rate. */
  mode: "consecutive" | "rate";
  /** Consecutive failed calls that open the breaker in `consecutive` mode. */
  failureThreshold: number;
  /** Time the breaker stays open before it lets one probe call through, in milliseconds. */
  halfOpenAfterMs: number;
  /** Settings of `rate` mode. */
  rate: {
    /** Failure rate, above 0 and below 1, that opens the breaker once it is exceeded. */
    threshold: number;
    /** Calls in the window below which the breaker stays closed whatever the rate. */
    minimumCalls: number;
    /** Length of the sliding window the rate is measured over, in milliseconds. */
    windowMs: number;
  };
  /** `client` shares one breaker among all operations; `operation` gives each its own. */
  scope: "client" | "operation";
  /** Whether a response that fails validation counts as a failure. */
  countValidationFailures: boolean;
}

/** Redirect handling: `none` turns every 3xx into an error; `sameOrigin` follows up to `max`. */
export type RedirectConfig = { mode: "none" } | { mode: "sameOrigin"; max: number };

/** Per-operation settings that override the client-wide ones. */
export interface OperationOverride {
  timeouts?: Partial<TimeoutConfig>;
  retries?: Partial<Omit<RetryConfig, "budget">>;
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
  tls: TlsConfig;
  timeouts: TimeoutConfig;
  retries: RetryConfig;
  circuitBreaker: CircuitBreakerConfig;
  redirects: RedirectConfig;
  /** Largest response body accepted, in bytes, counted after decompression. */
  maxResponseBytes: number;
  /** Overrides keyed by operationId as written in the vendor's document. */
  operations: Record<string, OperationOverride>;
}
