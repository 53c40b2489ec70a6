/**
 * Maps errors from undici and Node's TLS layer onto the runtime's error classes. Abort and
 * deadline errors are not handled here: the caller checks its signals first.
 */
import {
  NetworkError,
  TimeoutError,
  TlsError,
  isVendorError,
  type ErrorContext,
  type TimeoutPhase,
  type VendorError,
} from "./errors.js";

// Error codes of undici 7 for its own time limits.
const timeoutCodes: Record<string, TimeoutPhase> = {
  UND_ERR_CONNECT_TIMEOUT: "connect",
  UND_ERR_HEADERS_TIMEOUT: "headers",
  UND_ERR_BODY_TIMEOUT: "body",
};

// OpenSSL verification codes as Node reports them, plus Node's own TLS and SSL error codes.
const tlsCodePattern =
  /^(ERR_TLS_|ERR_SSL_|CERT_)|SELF_SIGNED|UNABLE_TO_|HOSTNAME_MISMATCH|_CERT$|_CERT_/;

/** Converts a transport failure into a TimeoutError, TlsError or NetworkError. */
export function toTransportError(error: unknown, context: ErrorContext): VendorError {
  if (isVendorError(error)) {
    return error;
  }
  const code = findErrorCode(error);
  const phase = code === undefined ? undefined : timeoutCodes[code];
  if (phase !== undefined) {
    return new TimeoutError(context, phase, error);
  }
  if (code !== undefined && tlsCodePattern.test(code)) {
    return new TlsError(context, describe(error, code), error);
  }
  return new NetworkError(context, describe(error, code), error);
}

/**
 * Returns the most telling `code` on the error or its causes: a timeout or TLS code if there is
 * one, because undici may wrap the socket's TLS error in a generic socket error.
 */
function findErrorCode(error: unknown): string | undefined {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") {
      codes.push(code);
    }
    current = (current as { cause?: unknown }).cause;
  }
  return codes.find((code) => code in timeoutCodes || tlsCodePattern.test(code)) ?? codes[0];
}

function describe(error: unknown, code: string | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  return code === undefined ? message : `${code}: ${message}`;
}
