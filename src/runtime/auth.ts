/**
 * Reads credentials from their sources and turns them into headers, query pairs or cookies.
 * Secrets are read on every call, so a rotated environment variable or provider value is used by
 * the next call without restarting the client. OAuth 2.0 client credentials are read when a new
 * access token is requested.
 */
import type { AuthConfig, SecretSource } from "./config.js";
import { ConfigurationError, type ErrorContext } from "./errors.js";
import type { OAuth2Tokens } from "./oauth2-tokens.js";

/** Functions that return secrets, keyed by the `provider` name a `SecretSource` uses. */
export type SecretProviders = Record<string, () => string | Promise<string>>;

/** Sources of secrets at run time. */
export interface SecretSources {
  providers: SecretProviders;
  env: Record<string, string | undefined>;
  /** The client's access token cache; set when the scheme is `oauth2ClientCredentials`. */
  oauth2Tokens?: OAuth2Tokens;
}

/** Credentials of one call, ready to be merged into the request. */
export interface Credentials {
  /** Lower-cased header names and their values. */
  headers: Record<string, string>;
  query: Array<[string, string]>;
  cookies: Array<[string, string]>;
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

/** Resolves the credentials of one call; `enabled` is false for operations with `security: []`. */
export async function resolveCredentials(
  auth: AuthConfig,
  enabled: boolean,
  sources: SecretSources,
  context: ErrorContext,
): Promise<Credentials> {
  const credentials: Credentials = { headers: {}, query: [], cookies: [] };
  if (!enabled) {
    return credentials;
  }
  switch (auth.scheme) {
    case "none":
      break;
    case "bearer": {
      const token = await readSecret(auth.secret, sources, context);
      credentials.headers.authorization = `Bearer ${token}`;
      break;
    }
    case "apiKey":
      addApiKey(credentials, auth, await readSecret(auth.secret, sources, context));
      break;
    case "basic":
      credentials.headers.authorization = await buildBasicAuthorization(auth, sources, context);
      break;
    case "oauth2ClientCredentials":
      await addAccessToken(credentials, sources, context);
      break;
  }
  return credentials;
}

async function addAccessToken(
  credentials: Credentials,
  sources: SecretSources,
  context: ErrorContext,
): Promise<void> {
  const tokens = sources.oauth2Tokens;
  if (tokens === undefined) {
    throw new ConfigurationError(context, "the OAuth 2.0 token cache is missing");
  }
  const token = await tokens.accessToken();
  credentials.headers.authorization = `Bearer ${token}`;
  credentials.invalidate = () => tokens.invalidate(token);
}

function addApiKey(
  credentials: Credentials,
  auth: Extract<AuthConfig, { scheme: "apiKey" }>,
  secret: string,
): void {
  if (auth.in === "header") {
    credentials.headers[auth.name.toLowerCase()] = secret;
  } else if (auth.in === "query") {
    credentials.query.push([auth.name, secret]);
  } else {
    credentials.cookies.push([auth.name, secret]);
  }
}

async function buildBasicAuthorization(
  auth: Extract<AuthConfig, { scheme: "basic" }>,
  sources: SecretSources,
  context: ErrorContext,
): Promise<string> {
  const username = await readSecret(auth.username, sources, context);
  const password = await readSecret(auth.password, sources, context);
  if (username.includes(":")) {
    // RFC 7617 splits user-id and password at the first colon.
    throw new ConfigurationError(context, "basic auth username must not contain a colon");
  }
  return `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}`;
}

/** Reads one secret; errors name the variable or provider, never the value. */
export async function readSecret(
  source: SecretSource,
  sources: SecretSources,
  context: ErrorContext,
): Promise<string> {
  if ("env" in source) {
    const value = sources.env[source.env];
    if (value === undefined || value === "") {
      throw new ConfigurationError(context, `environment variable ${source.env} is not set`);
    }
    return value;
  }
  const provider = sources.providers[source.provider];
  if (provider === undefined) {
    throw new ConfigurationError(
      context,
      `secret provider "${source.provider}" is not in ClientOptions.secrets`,
    );
  }
  let value: unknown;
  try {
    value = await provider();
  } catch (error) {
    throw new ConfigurationError(context, `secret provider "${source.provider}" failed`, error);
  }
  if (typeof value !== "string" || value === "") {
    throw new ConfigurationError(
      context,
      `secret provider "${source.provider}" returned no string`,
    );
  }
  return value;
}
