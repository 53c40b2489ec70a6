/**
 * Assembles the request of one call from the operation, the caller's input, the credentials and
 * the operation's policy. The same request is sent on every attempt, idempotency key included.
 */
import { randomUUID } from "node:crypto";
import { resolveCredentials, resolveCredentialsNow, type Credentials } from "./auth.js";
import type { AuthConfig } from "./config.js";
import type { ErrorContext } from "./errors.js";
import type { CallInput, OperationSpec } from "./operation.js";
import type { OperationPlan } from "./operation-plan.js";
import {
  requestBodyWaits,
  serialiseRequestBody,
  serialiseRequestBodyNow,
  type SerialisedBody,
} from "./request-body.js";
import {
  addHeaderParameters,
  assertValidHeader,
  buildAcceptHeader,
  buildCookieHeader,
} from "./request-headers.js";
import { acceptedEncodings } from "./response-body.js";
import type { SecretSources } from "./secrets.js";
import type { OutgoingRequest } from "./transport.js";
import { buildRequestTarget, type PinnedBase, type RequestTarget } from "./url.js";

/** A request ready for the transport, with the URL that errors and events may show. */
export interface PreparedRequest {
  request: OutgoingRequest;
  displayUrl: string;
  /** Drops the call's credential from its cache after a 401; set for OAuth 2.0 tokens. */
  invalidateCredentials: (() => void) | undefined;
}

/** Client-wide settings the request builder uses. */
export interface RequestBuilderSettings {
  base: PinnedBase;
  auth: AuthConfig;
  secrets: SecretSources;
  /** Whether resolving credentials may wait on a provider or the token endpoint. */
  credentialsMayWait: boolean;
}

/**
 * Returns whether preparing the call waits on something: a secret provider, the OAuth 2.0 token
 * endpoint, or a body that the platform encodes (multipart, Blob). Otherwise `prepareRequestNow`
 * prepares it without a promise.
 */
export function preparingWaits(
  settings: RequestBuilderSettings,
  operation: OperationSpec,
  input: CallInput,
): boolean {
  return (
    (operation.auth && settings.credentialsMayWait) ||
    requestBodyWaits(operation.requestBody, input.body)
  );
}

/** Builds the request of one call; throws RequestValidationError or ConfigurationError. */
export async function prepareRequest(
  settings: RequestBuilderSettings,
  plan: OperationPlan,
  input: CallInput,
): Promise<PreparedRequest> {
  const { auth, secrets } = settings;
  const credentials = await resolveCredentials(auth, plan.operation.auth, secrets, plan.context);
  const target = buildTarget(settings.base, plan, input, credentials);
  const context = withUrl(plan.context, target.displayUrl);
  const body = await serialiseRequestBody(plan.operation.requestBody, input.body, context);
  return assembleRequest(settings.base.origin, target, plan, input, credentials, body, context);
}

/**
 * Builds the request of a call for which `preparingWaits` is false, without a promise; throws
 * RequestValidationError or ConfigurationError.
 */
export function prepareRequestNow(
  settings: RequestBuilderSettings,
  plan: OperationPlan,
  input: CallInput,
): PreparedRequest {
  const { auth, secrets } = settings;
  const credentials = resolveCredentialsNow(auth, plan.operation.auth, secrets, plan.context);
  const target = buildTarget(settings.base, plan, input, credentials);
  const context = withUrl(plan.context, target.displayUrl);
  const body = serialiseRequestBodyNow(plan.operation.requestBody, input.body, context);
  return assembleRequest(settings.base.origin, target, plan, input, credentials, body, context);
}

/** Returns the template's fixed target unless the call adds query pairs, else builds one. */
function buildTarget(
  base: PinnedBase,
  plan: OperationPlan,
  input: CallInput,
  credentials: Credentials,
): RequestTarget {
  const fixedTarget = plan.template?.fixedTarget;
  if (fixedTarget !== undefined && credentials.query.length === 0) {
    return fixedTarget;
  }
  return buildRequestTarget(base, plan.operation, input, credentials.query, plan.context);
}

/** Returns `context` with another URL; the same object when the URL does not change. */
export function withUrl(context: ErrorContext, url: string): ErrorContext {
  return context.url === url ? context : { ...context, url };
}

/**
 * Adds the headers, cookies and serialised body of a call to its request target. Query
 * credentials must already be in `target`; header and cookie credentials are added here. Every
 * header is checked for an invalid name and for CR, LF or NUL before it is added. `context`
 * carries the display URL of `target`.
 */
export function assembleRequest(
  origin: string,
  target: RequestTarget,
  plan: OperationPlan,
  input: Omit<CallInput, "path" | "query">,
  credentials: Credentials,
  body: SerialisedBody | undefined,
  context: ErrorContext,
): PreparedRequest {
  const { operation, policy } = plan;
  // Accept is checked once per operation and Accept-Encoding is a constant.
  const headers: Record<string, string> = {
    accept: plan.template?.accept ?? buildAcceptHeader(operation, context),
    "accept-encoding": acceptedEncodings,
  };
  // Without a template, the operation is taken to declare parameters of every kind.
  if (plan.template?.headerParameters ?? true) {
    addHeaderParameters(headers, operation, input.headers, context);
  }
  if ((plan.template?.cookieParameters ?? true) || credentials.cookies.length > 0) {
    const cookie = buildCookieHeader(operation, input.cookies, credentials.cookies, context);
    if (cookie !== undefined) {
      assertValidHeader("cookie", cookie, context);
      headers.cookie = cookie;
    }
  }
  if (body !== undefined) {
    assertValidHeader("content-type", body.contentType, context);
    headers["content-type"] = body.contentType;
  }
  const keyHeader = policy.idempotencyKeyHeader;
  if (keyHeader !== undefined && headers[keyHeader] === undefined) {
    // A key the caller passes as a declared header parameter wins over a generated one.
    const key = randomUUID();
    assertValidHeader(keyHeader, key, context);
    headers[keyHeader] = key;
  }
  // Credentials come last, so no header parameter can replace them.
  for (const name of Object.keys(credentials.headers)) {
    const value = credentials.headers[name]!;
    assertValidHeader(name, value, context);
    headers[name] = value;
  }

  return {
    request: {
      origin,
      method: operation.method,
      path: target.path,
      headers,
      body: body?.content,
      headersTimeoutMs: policy.timeouts.headersMs,
      bodyTimeoutMs: policy.timeouts.bodyMs,
    },
    displayUrl: target.displayUrl,
    invalidateCredentials: credentials.invalidate,
  };
}
