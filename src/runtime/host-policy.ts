/**
 * Decides whether a URL may be requested at all. Every request, the first one and every redirect
 * target, passes this check before a connection is opened.
 */
import type { RuntimeConfig } from "./config.js";
import { HostNotAllowedError, InsecureRequestError, type ErrorContext } from "./errors.js";

/** The parts of the policy that decide where requests may go. */
export interface HostPolicy {
  /** Origin of the base URL; requests with credentials go only there. */
  pinnedOrigin: string;
  /**
   * Allowed hosts as `hostname:port` with the port always written out, IPv6 in brackets. An
   * allowedHosts entry without a port means port 443, as the policy documents.
   */
  allowedHosts: Set<string>;
  allowInsecureHttp: boolean;
}

/** Builds the host policy from the resolved config; the base URL's host is always allowed. */
export function createHostPolicy(config: RuntimeConfig, pinnedOrigin: string): HostPolicy {
  const allowedHosts = new Set(config.allowedHosts.map(allowedHostKey));
  allowedHosts.add(hostKey(new URL(pinnedOrigin)));
  return { pinnedOrigin, allowedHosts, allowInsecureHttp: config.allowInsecureHttp };
}

/**
 * Throws unless `url` is https (or http to a loopback host with `allowInsecureHttp`) and its host
 * and port are allowed: the pinned origin's, or an entry of `allowedHosts`.
 */
export function assertRequestAllowed(policy: HostPolicy, url: URL, context: ErrorContext): void {
  const host = url.host;
  if (url.protocol === "http:") {
    if (!policy.allowInsecureHttp) {
      throw new InsecureRequestError(context, host, "plain http is not allowed");
    }
    if (!isLoopbackHost(url.hostname)) {
      throw new InsecureRequestError(context, host, "plain http is allowed only to loopback hosts");
    }
  } else if (url.protocol !== "https:") {
    throw new HostNotAllowedError(context, host, `scheme ${url.protocol} is not allowed`);
  }
  if (url.origin !== policy.pinnedOrigin && !policy.allowedHosts.has(hostKey(url))) {
    throw new HostNotAllowedError(context, host, "host and port are not in allowedHosts");
  }
}

/** Returns whether a host name or IP literal is the local machine. */
export function isLoopbackHost(host: string): boolean {
  const normalised = host
    .replace(/^\[|\]$/g, "")
    .replace(/\.$/, "")
    .toLowerCase();
  return (
    normalised === "localhost" ||
    normalised === "::1" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(normalised)
  );
}

/** Returns `hostname:port` of a URL, with the scheme's default port written out. */
export function hostKey(url: URL): string {
  const port = url.port !== "" ? url.port : url.protocol === "http:" ? "80" : "443";
  return `${url.hostname.replace(/\.$/, "")}:${port}`;
}

/** Normalises an allowedHosts entry the way the WHATWG URL parser reads an https host. */
function allowedHostKey(entry: string): string {
  try {
    return hostKey(new URL(`https://${entry}`));
  } catch {
    // The policy rejects such entries; one that slips through matches no URL.
    return `(invalid host ${entry})`;
  }
}
