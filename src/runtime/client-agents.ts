/**
 * The undici Agents of one client: one for the pinned origin, which presents the client
 * certificate when the policy has one, and one for every other allowed host, which never does.
 * Both are created on first use and verify certificates against the client's trusted CAs.
 */
import { createSecureContext, type SecureContext } from "node:tls";
import { Agent } from "undici";
import type { ClientCertificate, ClientCertificateLoader } from "./client-certificate.js";
import type { RuntimeConfig } from "./config.js";
import { ConfigurationError, NetworkError, type ErrorContext } from "./errors.js";

/** TLS material shared by the client's agents. */
export interface TlsMaterial {
  minVersion: "TLSv1.2" | "TLSv1.3";
  trustedCas: Array<string | Buffer>;
  clientCertificate: ClientCertificateLoader | undefined;
}

/** Hands out the agent for an origin and closes them all. */
export class ClientAgents {
  readonly #config: RuntimeConfig;
  readonly #pinnedOrigin: string;
  readonly #tls: TlsMaterial;
  #pinned: Promise<Agent> | undefined;
  #other: Promise<Agent> | undefined;
  /** The agents once created, so that calls after the first need not wait for a promise. */
  #ready = new Map<"pinned" | "other", Agent>();
  #closing: Promise<void> | undefined;

  constructor(config: RuntimeConfig, pinnedOrigin: string, tls: TlsMaterial) {
    this.#config = config;
    this.#pinnedOrigin = pinnedOrigin;
    this.#tls = tls;
  }

  /** Returns the agent for `origin` if it exists and the client is open, else undefined. */
  readyAgentFor(origin: string): Agent | undefined {
    if (this.#closing !== undefined) {
      return undefined;
    }
    return this.#ready.get(origin === this.#pinnedOrigin ? "pinned" : "other");
  }

  /** Returns the agent for `origin`; rejects with NetworkError once the client is closed. */
  agentFor(origin: string, context: ErrorContext): Promise<Agent> {
    if (this.#closing !== undefined) {
      return Promise.reject(new NetworkError(context, "the client is closed"));
    }
    if (origin !== this.#pinnedOrigin) {
      this.#other ??= Promise.resolve(
        this.#remember("other", this.#createAgent(undefined, context)),
      );
      return this.#other;
    }
    this.#pinned ??= this.#createPinnedAgent(context).then((agent) =>
      this.#remember("pinned", agent),
    );
    return this.#pinned;
  }

  /** Closes every agent after requests in flight finish; safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= Promise.all(
      [this.#pinned, this.#other].map(async (pending) => {
        const agent = await pending?.catch(() => undefined);
        await agent?.close();
      }),
    ).then(() => undefined);
    return this.#closing;
  }

  #remember(kind: "pinned" | "other", agent: Agent): Agent {
    this.#ready.set(kind, agent);
    return agent;
  }

  async #createPinnedAgent(context: ErrorContext): Promise<Agent> {
    if (this.#tls.clientCertificate === undefined) {
      return this.#createAgent(undefined, context);
    }
    try {
      return this.#createAgent(await this.#tls.clientCertificate(), context);
    } catch (error) {
      // A provider may fail for a moment, so the next call calls it again.
      this.#pinned = undefined;
      throw error;
    }
  }

  #createAgent(certificate: ClientCertificate | undefined, context: ErrorContext): Agent {
    const timeouts = this.#config.timeouts;
    return new Agent({
      connect: {
        secureContext: this.#createSecureContext(certificate, context),
        // Always true, and nothing in the policy or ClientOptions can change it. An explicit
        // value also overrides NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment.
        rejectUnauthorized: true,
        timeout: timeouts.connectMs,
      },
      // NOTE: undici 7 checks these two limits on a shared timer that ticks about every 500 ms,
      // so they may fire up to a second late. attemptMs and callMs use exact timers.
      headersTimeout: timeouts.headersMs,
      bodyTimeout: timeouts.bodyMs,
    });
  }

  /**
   * Builds one secure context per agent, because passing `ca` per connection would make Node
   * parse every trusted certificate again on each new connection.
   */
  #createSecureContext(
    certificate: ClientCertificate | undefined,
    context: ErrorContext,
  ): SecureContext {
    const options = { minVersion: this.#tls.minVersion, ca: this.#tls.trustedCas };
    if (certificate === undefined) {
      return createSecureContext(options);
    }
    try {
      return createSecureContext({ ...options, cert: certificate.cert, key: certificate.key });
    } catch (error) {
      // OpenSSL's message names the problem (bad PEM, key does not match) and never the key.
      const detail = error instanceof Error ? error.message : String(error);
      throw new ConfigurationError(context, `client certificate is unusable: ${detail}`);
    }
  }
}
