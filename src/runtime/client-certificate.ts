/**
 * Loads the certificate and private key that the client presents for mutual TLS. The certificate,
 * and a key from a file or an environment variable, are read when the client is created, so a
 * missing file fails early. A key from a provider is requested when the first connection to the
 * pinned origin opens. Either way the pair is read once per client, because it belongs to the
 * TLS context of the client's connections: a rotated certificate needs a new client.
 */
import { readFileSync } from "node:fs";
import { readSecret, type SecretSources } from "./secrets.js";
import type { ClientCertificateConfig, PrivateKeySource } from "./config.js";
import { ConfigurationError, type ErrorContext } from "./errors.js";
import { readCertificate } from "./trust-store.js";

/** PEM text of the client certificate and its private key. */
export interface ClientCertificate {
  cert: string;
  key: string;
}

/** Returns the client certificate; rejects with ConfigurationError when the key is unusable. */
export type ClientCertificateLoader = () => Promise<ClientCertificate>;

/**
 * Reads what can be read now and returns a loader for the pair, or undefined without a client
 * certificate. Throws ConfigurationError when the certificate or a file or env key is missing.
 */
export function prepareClientCertificate(
  config: ClientCertificateConfig | undefined,
  sources: SecretSources,
  context: ErrorContext,
): ClientCertificateLoader | undefined {
  if (config === undefined) {
    return undefined;
  }
  const cert = readCertificate(config.cert, sources.env, context);
  const keySource = config.key;
  if ("provider" in keySource) {
    return async () => {
      const key = await readSecret(keySource, sources, context);
      return { cert, key: assertPrivateKey(key, keySource, context) };
    };
  }
  const key = assertPrivateKey(readKeySource(keySource, sources, context), keySource, context);
  return () => Promise.resolve({ cert, key });
}

function readKeySource(
  source: Exclude<PrivateKeySource, { provider: string }>,
  sources: SecretSources,
  context: ErrorContext,
): string {
  if ("env" in source) {
    const value = sources.env[source.env];
    if (value === undefined || value === "") {
      throw new ConfigurationError(context, `environment variable ${source.env} is not set`);
    }
    return value;
  }
  try {
    return readFileSync(source.file, "utf8");
  } catch (error) {
    throw new ConfigurationError(
      context,
      `client key file ${source.file} could not be read`,
      error,
    );
  }
}

/** Throws unless `pem` contains a PEM private key; the message never shows the value. */
function assertPrivateKey(pem: string, source: PrivateKeySource, context: ErrorContext): string {
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    throw new ConfigurationError(
      context,
      `client key from ${describeKeySource(source)} holds no PEM private key`,
    );
  }
  return pem;
}

function describeKeySource(source: PrivateKeySource): string {
  if ("provider" in source) {
    return `secret provider "${source.provider}"`;
  }
  return "env" in source ? `environment variable ${source.env}` : `file ${source.file}`;
}
