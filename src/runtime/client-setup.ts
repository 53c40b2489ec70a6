/**
 * Builds the parts of one client from its resolved policy: the pinned base URL, the host policy,
 * the undici Agents and transport, the circuit breakers, the retry budget and, for OAuth 2.0,
 * the access token cache. Everything that can be checked before the first call is checked here.
 */
import { AttemptClock } from "./attempt-limit.js";
import { credentialsMayWait } from "./auth.js";
import { BreakerSet } from "./breaker-set.js";
import type { CallMachinery } from "./call-execution.js";
import { ClientAgents } from "./client-agents.js";
import { prepareClientCertificate } from "./client-certificate.js";
import type { ClientOptions } from "./client-options.js";
import type { RuntimeConfig } from "./config.js";
import { ConfigurationError, type ErrorContext } from "./errors.js";
import { createEventEmitter } from "./events.js";
import { createHostPolicy, type HostPolicy } from "./host-policy.js";
import { OAuth2Tokens } from "./oauth2-tokens.js";
import type { RequestBuilderSettings } from "./request-builder.js";
import { RetryBudget } from "./retry-budget.js";
import { Transport } from "./transport.js";
import type { SecretSources } from "./secrets.js";
import { buildTrustedCas } from "./trust-store.js";
import { parseBaseUrl, type PinnedBase } from "./url.js";

/** The parts of one client that its calls share. */
export interface ClientParts {
  base: PinnedBase;
  hosts: HostPolicy;
  builder: RequestBuilderSettings;
  machinery: CallMachinery;
}

/** Builds the client's parts; throws ConfigurationError for an unusable URL or certificate. */
export function createClientParts(config: RuntimeConfig, options: ClientOptions): ClientParts {
  const env = options.env ?? process.env;
  const setupContext = describeSetup(config, "(client setup)", "-", describeUrl(config.baseUrl));
  const base = parsePinnedBase(config.baseUrl, setupContext);
  const hosts = createHostPolicy(config, base.origin);
  const emit = createEventEmitter(options.onEvent);
  const secrets: SecretSources = { providers: options.secrets ?? {}, env };

  const agents = new ClientAgents(config, base.origin, {
    minVersion: config.tls.minVersion,
    trustedCas: buildTrustedCas(config.tls.ca, options.ca, env, setupContext),
    clientCertificate: prepareClientCertificate(
      config.tls.clientCertificate,
      secrets,
      setupContext,
    ),
  });
  const transport = new Transport(agents, hosts, config.redirects);
  if (config.auth.scheme === "oauth2ClientCredentials") {
    const endpoint = { config: config.auth, secrets, transport, timeouts: config.timeouts };
    const tokenUrl = describeUrl(config.auth.tokenUrl);
    const tokenContext = describeSetup(config, "(oauth2 token request)", "POST", tokenUrl);
    secrets.oauth2Tokens = new OAuth2Tokens(endpoint, tokenContext);
  }

  return {
    base,
    hosts,
    builder: {
      base,
      auth: config.auth,
      secrets,
      credentialsMayWait: credentialsMayWait(config.auth),
    },
    machinery: {
      transport,
      breakers: new BreakerSet(config.circuitBreaker, config.vendor, emit),
      budget: new RetryBudget(config.retries.budget),
      clock: new AttemptClock(),
      emit,
      reportsEvents: options.onEvent !== undefined,
    },
  };
}

function describeSetup(
  config: RuntimeConfig,
  operationId: string,
  method: string,
  url: string,
): ErrorContext {
  return { vendor: config.vendor, operationId, method, url, attempts: 0 };
}

function parsePinnedBase(baseUrl: string, context: ErrorContext): PinnedBase {
  try {
    return parseBaseUrl(baseUrl);
  } catch (error) {
    // The cause is dropped: URL's TypeError stores the whole input, credentials included.
    throw new ConfigurationError(context, `base URL is invalid: ${(error as Error).message}`);
  }
}

/** Returns a URL without credentials or query, for errors raised outside a call. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.origin + parsed.pathname;
  } catch {
    return "(invalid URL)";
  }
}
