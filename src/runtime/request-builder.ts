/**
 * Assembles the request of one call from the operation, the caller's input, the credentials and
 * the operation's policy. The same request is sent on every attempt, idempotency key included.
 */
import { randomUUID } from "node:crypto";
import { resolveCredentials, type Credentials, type SecretSources } from "./auth.js";
import type { AuthConfig } from "./config.js";
import type { ErrorContext } from "./errors.js";
import type { CallInput, OperationSpec } from "./operation.js";
import type { OperationPolicy } from "./operation-policy.js";
import { serialiseRequestBody } from "./request-body.js";
import {
  assertValidHeaders,
  buildAcceptHeader,
  buildCookieHeader,
  buildHeaderParameters,
} from "./request-headers.js";
import { acceptedEncodings } from "./response-body.js";
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
}

/** Builds the request of one call; throws RequestValidationError or ConfigurationError. */
export async function prepareRequest(
  settings: RequestBuilderSettings,
  operation: OperationSpec,
  input: CallInput,
  policy: OperationPolicy,
  context: ErrorContext,
): Promise<PreparedRequest> {
  const credentials = await resolveCredentials(
    settings.auth,
    operation.auth,
    settings.secrets,
    context,
  );
  const target = buildRequestTarget(settings.base, operation, input, credentials.query, context);
  return assembleRequest(settings.base.origin, target, operation, input, credentials, policy, {
    ...context,
    url: target.displayUrl,
  });
}

/**
 * Adds the headers, cookies and body of a call to its request target. Query credentials must
 * already be in `target`; header and cookie credentials are added here.
 */
export async function assembleRequest(
  origin: string,
  target: RequestTarget,
  operation: OperationSpec,
  input: Omit<CallInput, "path" | "query">,
  credentials: Credentials,
  policy: OperationPolicy,
  targetContext: ErrorContext,
): Promise<PreparedRequest> {
  const body = await serialiseRequestBody(operation.requestBody, input.body, targetContext);

  const headers: Record<string, string> = {
    accept: buildAcceptHeader(operation),
    "accept-encoding": acceptedEncodings,
    ...buildHeaderParameters(operation, input.headers, targetContext),
  };
  const cookie = buildCookieHeader(operation, input.cookies, credentials.cookies, targetContext);
  if (cookie !== undefined) {
    headers.cookie = cookie;
  }
  if (body !== undefined) {
    headers["content-type"] = body.contentType;
  }
  if (policy.idempotencyKeyHeader !== undefined) {
    // A key the caller passes as a declared header parameter wins over a generated one.
    headers[policy.idempotencyKeyHeader] ??= randomUUID();
  }
  // Credentials come last, so no header parameter can replace them.
  Object.assign(headers, credentials.headers);
  assertValidHeaders(headers, targetContext);

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
