/**
 * Guards for the runtime's errors. They check the registry-symbol brand and the stable `code`
 * rather than `instanceof`, so they recognise errors thrown by another copy of the runtime.
 */
import { isVendorError } from "./errors.js";
import type {
  CircuitOpenError,
  ConfigurationError,
  ContentTypeError,
  HostNotAllowedError,
  HttpStatusError,
  NetworkError,
  RedirectBlockedError,
  RequestValidationError,
  ResponseTooLargeError,
  ResponseValidationError,
  TimeoutError,
  TlsError,
  VendorErrorCode,
} from "./errors.js";
import type { TokenRequestError } from "./token-request-error.js";

function hasCode(value: unknown, code: VendorErrorCode): boolean {
  return isVendorError(value) && value.code === code;
}

export const isTimeoutError = (value: unknown): value is TimeoutError => hasCode(value, "timeout");
export const isHttpStatusError = (value: unknown): value is HttpStatusError =>
  hasCode(value, "http_status");
export const isResponseValidationError = (value: unknown): value is ResponseValidationError =>
  hasCode(value, "validation");
export const isCircuitOpenError = (value: unknown): value is CircuitOpenError =>
  hasCode(value, "circuit_open");
export const isRedirectBlockedError = (value: unknown): value is RedirectBlockedError =>
  hasCode(value, "redirect_blocked");
export const isResponseTooLargeError = (value: unknown): value is ResponseTooLargeError =>
  hasCode(value, "response_too_large");
export const isContentTypeError = (value: unknown): value is ContentTypeError =>
  hasCode(value, "content_type");
export const isTlsError = (value: unknown): value is TlsError => hasCode(value, "tls");
export const isNetworkError = (value: unknown): value is NetworkError => hasCode(value, "network");
export const isHostNotAllowedError = (value: unknown): value is HostNotAllowedError =>
  hasCode(value, "host_not_allowed");
export const isRequestValidationError = (value: unknown): value is RequestValidationError =>
  hasCode(value, "invalid_request");
export const isConfigurationError = (value: unknown): value is ConfigurationError =>
  hasCode(value, "configuration");
export const isTokenRequestError = (value: unknown): value is TokenRequestError =>
  hasCode(value, "token_request");
