/**
 * Sends requests through one undici Agent per client. Certificates are always verified, and
 * redirects are never followed by undici: this file follows a 3xx only when the policy allows
 * it and the target keeps the pinned origin.
 */
import { createSecureContext } from "node:tls";
import { Agent, type Dispatcher } from "undici";
import type { HttpMethod, RedirectConfig, RuntimeConfig } from "./config.js";
import { RedirectBlockedError, type ErrorContext } from "./errors.js";
import { assertRequestAllowed, type HostPolicy } from "./host-policy.js";
import { discardBody } from "./response-body.js";
import { toTransportError } from "./transport-errors.js";

/** One request as the transport sends it. */
export interface OutgoingRequest {
  method: HttpMethod;
  /** Path and query exactly as they go on the request line; never normalised. */
  path: string;
  /** Lower-cased header names; already checked for CR and LF. */
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

/** Response headers and the unread body of the final, non-redirect response. */
export interface IncomingResponse {
  status: number;
  /** Lower-cased header names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: Dispatcher.ResponseData["body"];
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** Sends requests to the pinned origin and applies the redirect policy. */
export class Transport {
  readonly #agent: Agent;
  readonly #hosts: HostPolicy;
  readonly #redirects: RedirectConfig;
  #closing: Promise<void> | undefined;

  constructor(config: RuntimeConfig, hosts: HostPolicy, trustedCas: Array<string | Buffer>) {
    this.#hosts = hosts;
    this.#redirects = config.redirects;
    // One secure context per client, because passing `ca` per connection would make Node parse
    // every trusted certificate again on each new connection.
    const secureContext = createSecureContext({
      minVersion: config.tls.minVersion,
      ca: trustedCas,
    });
    this.#agent = new Agent({
      connect: {
        secureContext,
        // Always true, and nothing in the policy or ClientOptions can change it. An explicit
        // value also overrides NODE_TLS_REJECT_UNAUTHORIZED=0 in the environment.
        rejectUnauthorized: true,
        timeout: config.timeouts.connectMs,
      },
      // NOTE: undici 7 checks these two limits on a shared timer that ticks about every 500 ms,
      // so they may fire up to a second late. attemptMs and callMs use exact timers.
      headersTimeout: config.timeouts.headersMs,
      bodyTimeout: config.timeouts.bodyMs,
    });
  }

  /**
   * Sends `request` to the pinned origin and returns the first response that is not a followed
   * redirect. The signal aborts the request and the body that is read afterwards.
   */
  async send(
    request: OutgoingRequest,
    signal: AbortSignal,
    context: ErrorContext,
  ): Promise<IncomingResponse> {
    let current = request;
    let url = new URL(this.#hosts.pinnedOrigin);
    for (let redirects = 0; ; redirects++) {
      assertRequestAllowed(this.#hosts, url, context);
      const response = await this.#dispatch(url.origin, current, signal, context);
      const location = response.headers.location;
      if (!redirectStatuses.has(response.status) || location === undefined) {
        return response;
      }
      await discardBody(response.body);
      url = this.#resolveRedirect(response.status, location, url, redirects, context);
      current = redirectRequest(current, response.status, url);
    }
  }

  /** Closes every connection of the client after requests in flight finish; safe to call twice. */
  close(): Promise<void> {
    this.#closing ??= this.#agent.close();
    return this.#closing;
  }

  async #dispatch(
    origin: string,
    request: OutgoingRequest,
    signal: AbortSignal,
    context: ErrorContext,
  ): Promise<IncomingResponse> {
    try {
      const response = await this.#agent.request({
        origin,
        path: request.path,
        method: request.method,
        headers: request.headers,
        body: request.body ?? null,
        signal,
        headersTimeout: request.headersTimeoutMs,
        bodyTimeout: request.bodyTimeoutMs,
      });
      return {
        status: response.statusCode,
        headers: flattenHeaders(response.headers),
        body: response.body,
      };
    } catch (error) {
      if (signal.aborted) {
        throw error;
      }
      throw toTransportError(error, context);
    }
  }

  /** Returns the redirect target, or throws RedirectBlockedError when it may not be followed. */
  #resolveRedirect(
    status: number,
    location: string,
    from: URL,
    redirectsSoFar: number,
    context: ErrorContext,
  ): URL {
    let target: URL;
    try {
      target = new URL(location, from);
    } catch {
      throw new RedirectBlockedError(
        context,
        status,
        "(invalid Location)",
        "Location is not a URL",
      );
    }
    const blocked = (reason: string) =>
      new RedirectBlockedError(context, status, target.host, reason);
    if (this.#redirects.mode === "none") {
      throw blocked("the policy does not follow redirects");
    }
    if (target.origin !== this.#hosts.pinnedOrigin) {
      throw blocked(`target origin differs from ${this.#hosts.pinnedOrigin}`);
    }
    if (redirectsSoFar >= this.#redirects.max) {
      throw blocked(`more than ${this.#redirects.max} redirects`);
    }
    return target;
  }
}

/**
 * Builds the request that follows a redirect. As browsers and undici do, 303 turns any method
 * but HEAD into GET, and 301 or 302 turn POST into GET; the body is dropped with the change.
 */
function redirectRequest(request: OutgoingRequest, status: number, target: URL): OutgoingRequest {
  const becomesGet =
    (status === 303 && request.method !== "HEAD") ||
    ((status === 301 || status === 302) && request.method === "POST");
  const path = target.pathname + target.search;
  if (!becomesGet) {
    return { ...request, path };
  }
  const headers = { ...request.headers };
  delete headers["content-type"];
  delete headers["content-length"];
  return { ...request, method: "GET", path, headers, body: undefined };
}

function flattenHeaders(headers: Dispatcher.ResponseData["headers"]): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      flat[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
    }
  }
  return flat;
}
