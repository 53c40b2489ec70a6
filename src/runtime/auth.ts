/**
 * Reads credentials from their sources and turns them into headers, query pairs or cookies.
 * Secrets are read on every call, so a rotated environment variable or provider value is used by
 * the next call without restarting the client. OAuth 2.0 client credentials are read when a new
 * access token is requested.
 */
import type { AuthConfig, SecretSource } from "./config.js";
import { ConfigurationError, type ErrorContext } from "./errors.js";
import { readEnvSource, readSecret, type SecretSources } from "./secrets.js";

/** Credentials of one call, ready to be merged into the request. */
export interface Credentials {
  /** Lower-cased header names and their values. */
  headers: Record<string, string>;
  query: ReadonlyArray<readonly [string, string]>;
  cookies: ReadonlyArray<readonly [string, string]>;
  /** Drops a cached credential that the vendor rejected with 401; set for OAuth 2.0 tokens. */
  invalidate?: () => void;
}

/**
 * Returns whether resolving credentials may wait on something outside the client: a provider
 * function or the OAuth 2.0 token endpoint. Environment variables are read at once.
 */
export function credentialsMayWait(auth: AuthConfig): boolean {
  switch (auth.scheme) {
    case "none":
      return false;
    case "bearer":
    case "apiKey":
      return "provider" in auth.secret;
    case "basic":
      return "provider" in auth.username || "provider" in auth.password;
    case "oauth2ClientCredentials":
      return true;
  }
}

/** The schemes whose credentials are secrets read from their sources. */
type SecretScheme = Extract<AuthConfig, { scheme: "bearer" | "apiKey" | "basic" }>;

/** Returns the value of one secret of a scheme. */
type SecretReader = (source: SecretSource) => string;

// Shared by credentials without query pairs or cookies; nothing writes to them.
const noPairs: ReadonlyArray<readonly [string, string]> = Object.freeze([]);

/** Resolves the credentials of one call; `enabled` is false for operations with `security: []`. */
export async function resolveCredentials(
  auth: AuthConfig,
  enabled: boolean,
  sources: SecretSources,
  context: ErrorContext,
): Promise<Credentials> {
  if (!enabled || !credentialsMayWait(auth) || auth.scheme === "none") {
    return resolveCredentialsNow(auth, enabled, sources, context);
  }
  if (auth.scheme === "oauth2ClientCredentials") {
    return readAccessToken(sources, context);
  }
  // Providers are called one after another, in the order the scheme lists its secrets.
  const secrets = new Map<SecretSource, string>();
  for (const source of secretSourcesOf(auth)) {
    secrets.set(source, await readSecret(source, sources, context));
  }
  return buildCredentials(auth, (source) => secrets.get(source) ?? "", context);
}

/**
 * Resolves the credentials of one call without waiting, which `credentialsMayWait` allows: no
 * scheme, or secrets that all come from environment variables.
 */
export function resolveCredentialsNow(
  auth: AuthConfig,
  enabled: boolean,
  sources: SecretSources,
  context: ErrorContext,
): Credentials {
  if (!enabled || auth.scheme === "none") {
    return { headers: {}, query: noPairs, cookies: noPairs };
  }
  if (auth.scheme === "oauth2ClientCredentials") {
    throw new ConfigurationError(context, "an OAuth 2.0 token can only be resolved asynchronously");
  }
  return buildCredentials(auth, (source) => readEnvSource(source, sources, context), context);
}

function secretSourcesOf(auth: SecretScheme): SecretSource[] {
  return auth.scheme === "basic" ? [auth.username, auth.password] : [auth.secret];
}

/** Builds the credentials of a scheme, reading each of its secrets with `read`. */
function buildCredentials(auth: SecretScheme, read: SecretReader, context: ErrorContext) {
  switch (auth.scheme) {
    case "bearer":
      return headerCredentials("authorization", `Bearer ${read(auth.secret)}`);
    case "apiKey":
      return apiKeyCredentials(auth, read(auth.secret));
    case "basic": {
      const username = read(auth.username);
      const password = read(auth.password);
      return headerCredentials(
        "authorization",
        buildBasicAuthorization(username, password, context),
      );
    }
  }
}

function headerCredentials(name: string, value: string): Credentials {
  return { headers: { [name]: value }, query: noPairs, cookies: noPairs };
}

async function readAccessToken(
  sources: SecretSources,
  context: ErrorContext,
): Promise<Credentials> {
  const tokens = sources.oauth2Tokens;
  if (tokens === undefined) {
    throw new ConfigurationError(context, "the OAuth 2.0 token cache is missing");
  }
  const token = await tokens.accessToken();
  return {
    headers: { authorization: `Bearer ${token}` },
    query: noPairs,
    cookies: noPairs,
    invalidate: () => tokens.invalidate(token),
  };
}

function apiKeyCredentials(
  auth: Extract<AuthConfig, { scheme: "apiKey" }>,
  secret: string,
): Credentials {
  if (auth.in === "header") {
    return headerCredentials(auth.name.toLowerCase(), secret);
  }
  const pairs = [[auth.name, secret] as const];
  return auth.in === "query"
    ? { headers: {}, query: pairs, cookies: noPairs }
    : { headers: {}, query: noPairs, cookies: pairs };
}

function buildBasicAuthorization(username: string, password: string, context: ErrorContext) {
  if (username.includes(":")) {
    // RFC 7617 splits user-id and password at the first colon.
    throw new ConfigurationError(context, "basic auth username must not contain a colon");
  }
  return `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`;
}
