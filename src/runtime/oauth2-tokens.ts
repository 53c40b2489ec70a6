/**
 * Caches the OAuth 2.0 access token of one client. Calls share one token until shortly before
 * it expires, and concurrent calls that find no usable token wait for a single token request.
 * The token lives only in a private field, so it never shows in `util.inspect` or JSON output.
 */
import type { ErrorContext } from "./errors.js";
import {
  requestAccessToken,
  type IssuedToken,
  type TokenEndpoint,
} from "./oauth2-token-request.js";

/**
 * Lifetime assumed for a token whose response has no `expires_in`. RFC 6749 leaves the default
 * to the server's documentation, and a token that expires sooner fails one call with 401, which
 * drops it from the cache.
 */
const defaultLifetimeMs = 5 * 60_000;

/** Longest time before expiry at which a token is renewed. */
const maxRefreshMarginMs = 30_000;

interface CachedToken {
  value: string;
  /** `performance.now()` after which the next call requests a new token. */
  refreshAt: number;
}

/** The client's access token, fetched on demand. */
export class OAuth2Tokens {
  readonly #endpoint: TokenEndpoint;
  readonly #context: ErrorContext;
  #token: CachedToken | undefined;
  #pending: Promise<string> | undefined;

  /** `context` describes the token request in errors, whichever call triggered it. */
  constructor(endpoint: TokenEndpoint, context: ErrorContext) {
    this.#endpoint = endpoint;
    this.#context = context;
  }

  /** Returns a token that is not about to expire, requesting one if needed. */
  accessToken(): Promise<string> {
    const token = this.#token;
    if (token !== undefined && performance.now() < token.refreshAt) {
      return Promise.resolve(token.value);
    }
    this.#pending ??= this.#refresh().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** Drops `value` from the cache, after the vendor rejected it with 401. */
  invalidate(value: string): void {
    if (this.#token?.value === value) {
      this.#token = undefined;
    }
  }

  async #refresh(): Promise<string> {
    // The lifetime is counted from the request, because the server starts it before replying.
    const requestedAt = performance.now();
    const issued = await requestAccessToken(this.#endpoint, this.#context);
    this.#token = { value: issued.value, refreshAt: requestedAt + usableLifetimeMs(issued) };
    return issued.value;
  }
}

/**
 * Returns how long a token is used: its lifetime minus a margin of a quarter of it, at most 30
 * seconds, so that a call never sends a token that expires on the way.
 */
function usableLifetimeMs(token: IssuedToken): number {
  const lifetimeMs = token.lifetimeMs ?? defaultLifetimeMs;
  return lifetimeMs - Math.min(maxRefreshMarginMs, lifetimeMs / 4);
}
