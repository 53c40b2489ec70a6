/**
 * Sends one OAuth 2.0 client credentials token request (RFC 6749, section 4.4) through the
 * client's transport, so the token endpoint passes the same host policy and certificate checks
 * as every other request, and parses the access token response.
 */
import { readSecret, type SecretSources } from "./secrets.js";
import type { OAuth2ClientCredentialsConfig, TimeoutConfig } from "./config.js";
import { isVendorError, type ErrorContext } from "./errors.js";
import { readBody } from "./response-body.js";
import { TokenRequestError } from "./token-request-error.js";
import type { OutgoingRequest, Transport } from "./transport.js";

/** Everything a token request needs. */
export interface TokenEndpoint {
  config: OAuth2ClientCredentialsConfig;
  secrets: SecretSources;
  transport: Transport;
  /** `attemptMs` limits the whole request; `headersMs` and `bodyMs` apply as for calls. */
  timeouts: TimeoutConfig;
}

/** An access token as the endpoint issued it. */
export interface IssuedToken {
  value: string;
  /** `expires_in` in milliseconds; undefined when the response has none. */
  lifetimeMs: number | undefined;
}

// A token response is a small JSON object; anything larger is not one.
const maxTokenResponseBytes = 64 * 1024;

// Visible ASCII only: a token is sent in a header, and RFC 6750's b64token is a subset of this.
const tokenPattern = /^[\x21-\x7e]+$/;

// RFC 6749, appendix A.7: the characters of an `error` code.
const errorCodePattern = /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,64}$/;

/** Requests a new access token; every failure is a TokenRequestError or ConfigurationError. */
export async function requestAccessToken(
  endpoint: TokenEndpoint,
  context: ErrorContext,
): Promise<IssuedToken> {
  const request = await buildTokenRequest(endpoint, context);
  const signal = AbortSignal.timeout(endpoint.timeouts.attemptMs);
  let bytes: Uint8Array;
  let status: number;
  try {
    const response = await endpoint.transport.send(request, signal, context);
    status = response.status;
    bytes = await readBody(response.body, response.headers, maxTokenResponseBytes, context);
  } catch (error) {
    throw new TokenRequestError(context, describeFailure(error, signal, endpoint), {
      cause: error,
    });
  }
  return parseTokenResponse(status, bytes, context);
}

async function buildTokenRequest(
  endpoint: TokenEndpoint,
  context: ErrorContext,
): Promise<OutgoingRequest> {
  const { config, secrets } = endpoint;
  const clientId = await readSecret(config.clientId, secrets, context);
  const clientSecret = await readSecret(config.clientSecret, secrets, context);
  const form = new URLSearchParams({ grant_type: "client_credentials" });
  if (config.scopes.length > 0) {
    form.set("scope", config.scopes.join(" "));
  }
  const headers: Record<string, string> = {
    accept: "application/json",
    "content-type": "application/x-www-form-urlencoded",
  };
  if (config.clientAuthentication === "basic") {
    headers.authorization = basicCredentials(clientId, clientSecret);
  } else {
    form.set("client_id", clientId);
    form.set("client_secret", clientSecret);
  }
  const url = new URL(config.tokenUrl);
  return {
    origin: url.origin,
    method: "POST",
    path: url.pathname + url.search,
    headers,
    body: form.toString(),
    headersTimeoutMs: endpoint.timeouts.headersMs,
    bodyTimeoutMs: endpoint.timeouts.bodyMs,
  };
}

/**
 * Builds the Basic credentials of RFC 6749, section 2.3.1: client ID and secret are each
 * form-urlencoded before they are joined with a colon and base64-encoded.
 */
function basicCredentials(clientId: string, clientSecret: string): string {
  const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  const pair = `${encode(clientId)}:${encode(clientSecret)}`;
  return `Basic ${Buffer.from(pair, "utf8").toString("base64")}`;
}

function parseTokenResponse(status: number, bytes: Uint8Array, context: ErrorContext): IssuedToken {
  const body = parseJsonObject(bytes);
  if (status < 200 || status > 299) {
    const code = body?.["error"];
    const oauthError = typeof code === "string" && errorCodePattern.test(code) ? code : undefined;
    const suffix = oauthError === undefined ? "" : ` (${oauthError})`;
    throw new TokenRequestError(context, `endpoint returned status ${status}${suffix}`, {
      status,
      oauthError,
    });
  }
  const invalid = (reason: string) =>
    new TokenRequestError(context, `response is not a usable token: ${reason}`, { status });
  if (body === undefined) {
    throw invalid("the body is not a JSON object");
  }
  const token = body["access_token"];
  if (typeof token !== "string" || !tokenPattern.test(token)) {
    throw invalid("access_token is missing or not a string of visible ASCII characters");
  }
  const tokenType = body["token_type"];
  if (typeof tokenType !== "string" || tokenType.toLowerCase() !== "bearer") {
    throw invalid("token_type is not Bearer");
  }
  return { value: token, lifetimeMs: parseExpiresIn(body["expires_in"], invalid) };
}

/** Reads `expires_in` in seconds; some endpoints send it as a numeric string. */
function parseExpiresIn(
  value: unknown,
  invalid: (reason: string) => TokenRequestError,
): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const seconds = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds <= 0) {
    throw invalid("expires_in is not a positive number of seconds");
  }
  return seconds * 1000;
}

function parseJsonObject(bytes: Uint8Array): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function describeFailure(error: unknown, signal: AbortSignal, endpoint: TokenEndpoint): string {
  if (signal.aborted) {
    return `no response within ${endpoint.timeouts.attemptMs} ms (timeouts.attemptMs)`;
  }
  if (isVendorError(error)) {
    // The transport's messages name the URL and the cause, never a header value. The prefix
    // repeats the context that this error states itself.
    return error.message.replace(`${error.method} ${error.url} (${error.operationId}): `, "");
  }
  return error instanceof Error ? error.message : String(error);
}
