/**
 * Reads secrets from their sources: environment variables at once, provider functions as they
 * resolve. Errors name the variable or provider, never the value.
 */
import type { SecretSource } from "./config.js";
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

/** Reads one secret; errors name the variable or provider, never the value. */
export async function readSecret(
  source: SecretSource,
  sources: SecretSources,
  context: ErrorContext,
): Promise<string> {
  if ("env" in source) {
    return readEnvSecret(source.env, sources, context);
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

function readEnvSecret(name: string, sources: SecretSources, context: ErrorContext): string {
  const value = sources.env[name];
  if (value === undefined || value === "") {
    throw new ConfigurationError(context, `environment variable ${name} is not set`);
  }
  return value;
}

/** Reads a secret that `credentialsMayWait` allows to be read at once: an environment variable. */
export function readEnvSource(source: SecretSource, sources: SecretSources, context: ErrorContext) {
  if (!("env" in source)) {
    throw new ConfigurationError(
      context,
      `secret provider "${source.provider}" can only be read asynchronously`,
    );
  }
  return readEnvSecret(source.env, sources, context);
}
