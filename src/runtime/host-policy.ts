/**
 * Decides whether a URL may be requested at all. Every request, the first one and every redirect
 * target, passes this check before a connection is opened.
 */
import type { RuntimeConfig } from "./config.js";
import { HostNotAllowedError, InsecureRequestError, type ErrorContext } from "./errors.js";

/** The parts of the policy that decide where requests may go. */
export interface HostPolicy {
  /** Origin of the base URL; every request must keep it. */
  pinnedOrigin: string;
  /** Lower-cased host names and IP literals, IPv6 without brackets. */
  allowedHosts: Set<string>;
  allowInsecureHttp: boolean;
}

/** Builds the host policy from the resolved config; the base URL's host is always allowed. */
export function createHostPolicy(config: RuntimeConfig, pinnedOrigin: string): HostPolicy {
  const allowedHosts = new Set(config.allowedHosts.map(normaliseHost));
  allowedHosts.add(normaliseHost(new URL(pinnedOrigin).hostname));
  return { pinnedOrigin, allowedHosts, allowInsecureHttp: config.allowInsecureHttp };
}

/**
 * Throws unless `url` is https (or http to a loopback host with `allowInsecureHttp`), its host is
 * allowed and its origin is the pinned origin.
 */
export function assertRequestAllowed(policy: HostPolicy, url: URL, context: ErrorContext): void {
  const host = normaliseHost(url.hostname);
  if (url.protocol === "http:") {
    if (!policy.allowInsecureHttp) {
      throw new InsecureRequestError(context, host, "plain http is not allowed");
    }
    if (!isLoopbackHost(host)) {
      throw new InsecureRequestError(context, host, "plain http is allowed only to loopback hosts");
    }
  } else if (url.protocol !== "https:") {
    throw new HostNotAllowedError(context, host, `scheme ${url.protocol} is not allowed`);
  }
  if (!policy.allowedHosts.has(host)) {
    throw new HostNotAllowedError(context, host, "host is not in allowedHosts");
  }
  if (url.origin !== policy.pinnedOrigin) {
    throw new HostNotAllowedError(
      context,
      host,
      `origin ${url.origin} differs from ${policy.pinnedOrigin}`,
    );
  }
}

/** Returns whether a host name or IP literal is the local machine. */
export function isLoopbackHost(host: string): boolean {
  const normalised = normaliseHost(host);
  return (
    normalised === "localhost" ||
    normalised === "::1" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(normalised)
  );
}

function normaliseHost(host: string): string {
  return host
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
}
