/** Public API of the runtime that generated clients import. */
export { VendorRuntime } from "./runtime.js";
export type { ClientOptions, HealthReport } from "./client-options.js";
export type { SecretProviders } from "./secrets.js";
export type { CaInput } from "./trust-store.js";
export type { UrlCallInput } from "./url-request.js";
export type {
  AuthConfig,
  CertificateSource,
  CircuitBreakerConfig,
  ClientCertificateConfig,
  HttpMethod,
  OAuth2ClientCredentialsConfig,
  OperationOverride,
  PrivateKeySource,
  RedirectConfig,
  RetryBudgetConfig,
  RetryConfig,
  RuntimeConfig,
  SecretSource,
  TimeoutConfig,
  TlsConfig,
} from "./config.js";
export type {
  ApiResponse,
  CallInput,
  CallOptions,
  OperationSpec,
  ParameterLocation,
  ParameterSpec,
  ParameterStyle,
  RequestBodyKind,
  RequestBodySpec,
  ResponseKind,
  ResponseSpec,
} from "./operation.js";
export type {
  BreakerEvent,
  BreakerState,
  CallEventFields,
  RequestEvent,
  ResponseEvent,
  RetryEvent,
  RetrySkipReason,
  RetrySkippedEvent,
  RuntimeEvent,
  RuntimeEventListener,
  ValidationFailureEvent,
} from "./events.js";
export {
  CircuitOpenError,
  ConfigurationError,
  ContentTypeError,
  HostNotAllowedError,
  HttpStatusError,
  InsecureRequestError,
  NetworkError,
  RedirectBlockedError,
  RequestValidationError,
  ResponseTooLargeError,
  ResponseValidationError,
  TimeoutError,
  TlsError,
  VendorError,
  isVendorError,
  type ErrorContext,
  type TimeoutPhase,
  type ValidationIssue,
  type VendorErrorCode,
} from "./errors.js";
export { TokenRequestError } from "./token-request-error.js";
export {
  isCircuitOpenError,
  isConfigurationError,
  isContentTypeError,
  isHostNotAllowedError,
  isHttpStatusError,
  isNetworkError,
  isRedirectBlockedError,
  isRequestValidationError,
  isResponseTooLargeError,
  isResponseValidationError,
  isTimeoutError,
  isTlsError,
  isTokenRequestError,
} from "./error-guards.js";
