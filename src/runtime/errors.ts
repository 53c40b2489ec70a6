/**
 * Errors thrown by a generated client. Every error carries a stable `code`, the vendor, the
 * operation, the method, the URL without its query string and the number of attempts made. No
 * error contains a credential: messages are built from names, statuses and hosts only.
 */

/** Stable machine-readable kind of a `VendorError`. */
export type VendorErrorCode =
  | "timeout"
  | "http_status"
  | "validation"
  | "circuit_open"
  | "redirect_blocked"
  | "response_too_large"
  | "content_type"
  | "tls"
  | "network"
  | "host_not_allowed"
  | "invalid_request"
  | "configuration"
  | "token_request";

/** Location of an error: the call, its URL without the query string and the attempts made. */
export interface ErrorContext {
  vendor: string;
  operationId: string;
  method: string;
  /** Origin and path only, because a query string may carry an API key. */
  url: string;
  /** Attempts that reached the transport, 0 when the call failed before sending anything. */
  attempts: number;
}

/** One problem found when validating a response body, without the value that was received. */
export interface ValidationIssue {
  path: Array<string | number>;
  code: string;
  message: string;
}

/** Time limit that a `TimeoutError` ran into. */
export type TimeoutPhase = "connect" | "headers" | "body" | "attempt" | "call";

// A registry symbol, so that copies of the runtime in different clients recognise each other.
const vendorErrorBrand = Symbol.for("vendorguard.runtime.VendorError");

/** Base class of every error the runtime throws. */
export class VendorError extends Error {
  readonly code: VendorErrorCode;
  readonly vendor: string;
  readonly operationId: string;
  readonly method: string;
  readonly url: string;
  readonly attempts: number;

  constructor(code: VendorErrorCode, message: string, context: ErrorContext, cause?: unknown) {
    super(`${context.method} ${context.url} (${context.operationId}): ${message}`, { cause });
    this.name = new.target.name;
    this.code = code;
    this.vendor = context.vendor;
    this.operationId = context.operationId;
    this.method = context.method;
    this.url = context.url;
    this.attempts = context.attempts;
  }

  /** Returns the error as plain data for structured logs; the cause is left out. */
  toJSON(): Record<string, unknown> {
    return { ...Object.fromEntries(Object.entries(this)), name: this.name, message: this.message };
  }
}
Object.defineProperty(VendorError.prototype, vendorErrorBrand, { value: true });

/** A connect, headers, body, attempt or whole-call time limit ran out. */
export class TimeoutError extends VendorError {
  readonly phase: TimeoutPhase;

  constructor(context: ErrorContext, phase: TimeoutPhase, cause?: unknown) {
    super("timeout", `timed out (${phase} time limit)`, context, cause);
    this.phase = phase;
  }
}

/** The server returned an error status, or a status that the operation does not declare. */
export class HttpStatusError extends VendorError {
  readonly status: number;
  /** The error body, validated against the schema declared for this status or `default`. */
  readonly body: unknown;
  /** Delay requested by a valid `Retry-After` header, in milliseconds. */
  readonly retryAfterMs: number | undefined;

  constructor(context: ErrorContext, status: number, body: unknown, retryAfterMs?: number) {
    super("http_status", `server returned status ${status}`, context);
    this.status = status;
    this.body = body;
    this.retryAfterMs = retryAfterMs;
  }
}

/** The response body is not valid JSON or does not match the operation's schema. */
export class ResponseValidationError extends VendorError {
  readonly status: number;
  readonly issues: ValidationIssue[];

  constructor(context: ErrorContext, status: number, issues: ValidationIssue[]) {
    const first = issues[0];
    const where = first ? ` at ${formatIssuePath(first.path)}: ${first.message}` : "";
    super("validation", `response to status ${status} failed validation${where}`, context);
    this.status = status;
    this.issues = issues;
  }
}

/** The circuit breaker is open, so the call failed without a request. */
export class CircuitOpenError extends VendorError {
  constructor(context: ErrorContext) {
    super("circuit_open", "circuit breaker is open, request not sent", context);
  }
}

/** A 3xx response pointed somewhere the policy does not allow, or redirected too often. */
export class RedirectBlockedError extends VendorError {
  readonly status: number;
  /** Host of the `Location` target, as it would have been requested. */
  readonly targetHost: string;

  constructor(context: ErrorContext, status: number, targetHost: string, reason: string) {
    super(
      "redirect_blocked",
      `redirect ${status} to host ${targetHost} blocked: ${reason}`,
      context,
    );
    this.status = status;
    this.targetHost = targetHost;
  }
}

/** The response body, counted after decompression, exceeded `maxResponseBytes`. */
export class ResponseTooLargeError extends VendorError {
  readonly maxBytes: number;

  constructor(context: ErrorContext, maxBytes: number) {
    super("response_too_large", `response body exceeds the limit of ${maxBytes} bytes`, context);
    this.maxBytes = maxBytes;
  }
}

/** The response's Content-Type or Content-Encoding is not one the operation can read. */
export class ContentTypeError extends VendorError {
  readonly status: number;
  readonly received: string | undefined;
  readonly expected: string[];

  constructor(
    context: ErrorContext,
    status: number,
    received: string | undefined,
    expected: string[],
  ) {
    const found = received === undefined ? "no content type" : `"${received}"`;
    super(
      "content_type",
      `status ${status} has ${found}, expected ${expected.join(" or ")}`,
      context,
    );
    this.status = status;
    this.received = received;
    this.expected = expected;
  }
}

/** The TLS handshake failed, for example because the certificate is not trusted. */
export class TlsError extends VendorError {
  constructor(context: ErrorContext, detail: string, cause?: unknown) {
    super("tls", `TLS handshake failed: ${detail}`, context, cause);
  }
}

/** The connection failed or broke before a complete response arrived. */
export class NetworkError extends VendorError {
  constructor(context: ErrorContext, detail: string, cause?: unknown) {
    super("network", `network error: ${detail}`, context, cause);
  }
}

/** The request URL's scheme, host or origin is outside the policy. */
export class HostNotAllowedError extends VendorError {
  readonly host: string;

  constructor(context: ErrorContext, host: string, reason: string) {
    super("host_not_allowed", `request to host ${host} rejected: ${reason}`, context);
    this.host = host;
  }
}

/** A plain http request that the policy does not allow. */
export class InsecureRequestError extends HostNotAllowedError {}

/** The caller's input cannot be sent as is, for example a header value containing CR or LF. */
export class RequestValidationError extends VendorError {
  constructor(context: ErrorContext, detail: string) {
    super("invalid_request", `invalid request: ${detail}`, context);
  }
}

/** A secret, certificate or base URL that the policy names is missing or unusable. */
export class ConfigurationError extends VendorError {
  constructor(context: ErrorContext, detail: string, cause?: unknown) {
    super("configuration", `configuration error: ${detail}`, context, cause);
  }
}

function formatIssuePath(path: Array<string | number>): string {
  return path.length === 0 ? "the root" : path.join(".");
}

/** Returns whether `value` is a `VendorError` from any copy of the runtime. */
export function isVendorError(value: unknown): value is VendorError {
  return typeof value === "object" && value !== null && vendorErrorBrand in value;
}
