/**
 * Sends requests through the client's undici Agents. Certificates are always verified, and
 * redirects are never followed by undici: this file follows a 3xx only when the policy allows
 * it and the target keeps the origin of the request.
 */
import type { Dispatcher } from "undici";
import type { ClientAgents } from "./client-agents.js";
import type { HttpMethod, RedirectConfig } from "./config.js";
import { RedirectBlockedError, type ErrorContext } from "./errors.js";
import { assertRequestAllowed, type HostPolicy } from "./host-policy.js";
import { discardBody } from "./response-body.js";
import { dispatch } from "./undici-dispatch.js";

/** One request as the transport sends it. */
export interface OutgoingRequest {
  /**
   * Scheme, host and port: the pinned origin, or for `callUrl` and the token endpoint another
   * allowed host. The transport checks it against the host policy before connecting.
   */
  origin: string;
  method: HttpMethod;
  /** Path and query exactly as they go on the request line; never normalised. */
  path: string;
  /** Lower-cased header names; already checked for CR and LF. */
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

/**
 * Aborts a request and the reading of its body: an AbortSignal, or any object with the same
 * `aborted`, `reason` and `abort` listener methods, which is all undici 7 uses of a signal.
 */
export interface RequestSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: "abort", listener: () => void): void;
  removeEventListener(type: "abort", listener: () => void): void;
}

/** Response headers and the unread body of the final, non-redirect response. */
export interface IncomingResponse {
  status: number;
  /** Lower-cased header names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  body: Dispatcher.ResponseData["body"];
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** Sends requests to allowed origins and applies the redirect policy. */
export class Transport {
  readonly #agents: ClientAgents;
  readonly #hosts: HostPolicy;
  readonly #redirects: RedirectConfig;
  /** Origins that passed the host policy; it never changes, so each is checked once. */
  readonly #allowedOrigins = new Set<string>();

  constructor(agents: ClientAgents, hosts: HostPolicy, redirects: RedirectConfig) {
    this.#agents = agents;
    this.#hosts = hosts;
    this.#redirects = redirects;
  }

  /**
   * Sends `request` and returns the first response that is not a followed redirect. The signal
   * aborts the request and the body that is read afterwards.
   */
  async send(
    request: OutgoingRequest,
    signal: RequestSignal,
    context: ErrorContext,
  ): Promise<IncomingResponse> {
    let current = request;
    for (let redirects = 0; ; redirects++) {
      this.#assertOriginAllowed(current.origin, context);
      const agent =
        this.#agents.readyAgentFor(current.origin) ??
        (await this.#agents.agentFor(current.origin, context));
      const response = await dispatch(agent, current, signal, context);
      const location = response.headers.location;
      if (!redirectStatuses.has(response.status) || location === undefined) {
        return response;
      }
      await discardBody(response.body);
      // Concatenated, not resolved: a path such as `//host/x` must stay a path on this origin.
      const from = new URL(current.origin + current.path);
      const target = this.#resolveRedirect(response.status, location, from, redirects, context);
      current = redirectRequest(current, response.status, target);
    }
  }

  /** Closes every connection of the client after requests in flight finish; safe to call twice. */
  close(): Promise<void> {
    return this.#agents.close();
  }

  #assertOriginAllowed(origin: string, context: ErrorContext): void {
    if (!this.#allowedOrigins.has(origin)) {
      assertRequestAllowed(this.#hosts, new URL(origin), context);
      this.#allowedOrigins.add(origin);
    }
  }

  /**
   * Returns the redirect target, or throws RedirectBlockedError when it may not be followed. A
   * target must keep the origin of the redirected request.
   */
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
    if (target.origin !== from.origin) {
      throw blocked(`target origin differs from ${from.origin}`);
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
