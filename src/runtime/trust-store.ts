/**
 * Assembles the CA certificates a client trusts. Passing `ca` to TLS replaces Node's default
 * store, so the default and system CAs come first, then the policy's and the caller's CAs.
 */
import { readFileSync } from "node:fs";
import * as tls from "node:tls";
import type { CertificateSource } from "./config.js";
import { ConfigurationError, type ErrorContext } from "./errors.js";

/** Extra CA certificates a caller passes in PEM form. */
export type CaInput = string | Buffer | Array<string | Buffer>;

/** Returns the PEM certificates to trust: default and system CAs, the policy's, the caller's. */
export function buildTrustedCas(
  sources: CertificateSource[],
  callerCa: CaInput | undefined,
  env: Record<string, string | undefined>,
  context: ErrorContext,
): Array<string | Buffer> {
  const policyCas = sources.map((source) => readCertificate(source, env, context));
  let callerCas: Array<string | Buffer> = [];
  if (Array.isArray(callerCa)) {
    callerCas = callerCa;
  } else if (callerCa !== undefined) {
    callerCas = [callerCa];
  }
  return [...defaultCas(), ...policyCas, ...callerCas];
}

/**
 * Returns Node's default CAs plus the operating system's trusted CAs. Node 22.15 and later
 * report both through tls.getCACertificates, and the default store includes NODE_EXTRA_CA_CERTS.
 */
function defaultCas(): string[] {
  const getCaCertificates = (tls as { getCACertificates?: (type: string) => string[] })
    .getCACertificates;
  if (typeof getCaCertificates === "function") {
    return [...new Set([...getCaCertificates("default"), ...getCaCertificates("system")])];
  }
  // NOTE: before Node 22.15 only the bundled Mozilla CAs are available here, so a CA from the
  // system store or NODE_EXTRA_CA_CERTS must be listed in the policy or in ClientOptions.ca.
  return [...tls.rootCertificates];
}

/** Reads one PEM certificate from a file or an environment variable. */
export function readCertificate(
  source: CertificateSource,
  env: Record<string, string | undefined>,
  context: ErrorContext,
): string {
  if ("env" in source) {
    const pem = env[source.env];
    if (pem === undefined || !pem.includes("-----BEGIN CERTIFICATE-----")) {
      throw new ConfigurationError(
        context,
        `environment variable ${source.env} holds no PEM certificate`,
      );
    }
    return pem;
  }
  try {
    return readFileSync(source.file, "utf8");
  } catch (error) {
    throw new ConfigurationError(
      context,
      `CA certificate file ${source.file} could not be read`,
      error,
    );
  }
}
