/**
 * Rules for the base URL and the allowed hosts, shared by the schema and its cross-key checks.
 * Both are parsed with the WHATWG URL parser, the one Node.js and undici use for requests, so
 * the policy normalises host names (case, IDN, IPv4 shorthand, default port) the same way.
 */
import { describeValue } from "./messages.js";

export type UrlRuleResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** A parsed base URL: `normalized` is origin plus base path, without a trailing slash. */
export interface BaseUrl {
  url: URL;
  normalized: string;
}

/**
 * Parses a base URL with an http or https scheme and no query, fragment or user info. Whether
 * plain http is allowed depends on `allowInsecureHttp`, so the caller decides that.
 */
export function parseBaseUrl(raw: string): UrlRuleResult<BaseUrl> {
  if (/\s/.test(raw)) {
    return fail("must not contain whitespace.");
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(
      `expected an absolute URL such as https://api.example.com, got ${describeValue(raw)}.`,
    );
  }

  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return fail(`expected an https:// URL, got the scheme ${url.protocol}//.`);
  }
  // The parser drops an empty user info ("https://@host"), so the raw text is checked too.
  if (url.username !== "" || url.password !== "" || /^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(raw)) {
    return fail("must not contain a user name or password. Configure credentials under auth.");
  }
  if (raw.includes("?")) {
    return fail("must not contain a query (?...). The base URL is an origin and a base path.");
  }
  if (raw.includes("#")) {
    return fail("must not contain a fragment (#...). The base URL is an origin and a base path.");
  }
  if (/[{}]|%7b|%7d/i.test(raw)) {
    return fail("must not contain server variables such as {region}. Write the concrete value.");
  }

  const path = url.pathname.replace(/\/+$/, "");
  return { ok: true, value: { url, normalized: `${url.protocol}//${url.host}${path}` } };
}

/**
 * Parses an OAuth 2.0 token endpoint URL: http or https, without user info or fragment (RFC 6749,
 * section 3.2). A query is allowed. The result is the URL as the WHATWG parser writes it.
 */
export function parseTokenUrl(raw: string): UrlRuleResult<URL> {
  if (/\s/.test(raw)) {
    return fail("must not contain whitespace.");
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(
      `expected an absolute URL such as https://auth.example.com/oauth/token, got ${describeValue(raw)}.`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return fail(`expected an https:// URL, got the scheme ${url.protocol}//.`);
  }
  if (url.username !== "" || url.password !== "" || /^[a-z][a-z0-9+.-]*:\/\/[^/]*@/i.test(raw)) {
    return fail(
      "must not contain a user name or password. Set auth.clientId and auth.clientSecret instead.",
    );
  }
  if (raw.includes("#")) {
    return fail(
      "must not contain a fragment (#...), which RFC 6749 forbids for the token endpoint.",
    );
  }
  return { ok: true, value: url };
}

/**
 * Normalises one allowed host: a host name, IPv4 address or bracketed IPv6 address, with an
 * optional port. The result is what `new URL(...).host` returns for a request to that host, so a
 * default port (443) disappears and an entry without a port means the scheme's default port.
 */
export function normalizeHost(entry: string): UrlRuleResult<string> {
  if (entry.includes("://")) {
    return fail("write the host only, without a scheme such as https://.");
  }
  if (entry.includes("*")) {
    return fail("wildcards are not supported. List each host, e.g. api.example.com.");
  }
  if (!entry.startsWith("[") && (entry.match(/:/g)?.length ?? 0) > 1) {
    return fail("write an IPv6 address in brackets, e.g. [::1] or [::1]:8443.");
  }
  const usage = "Write a host name or host:port, e.g. api.example.com or 127.0.0.1:8443.";
  if (entry === "" || /[\s/?#@\\]/.test(entry)) {
    return fail(`expected a host, got ${describeValue(entry)}. ${usage}`);
  }

  let url: URL;
  try {
    url = new URL(`https://${entry}`);
  } catch {
    return fail(`expected a host, got ${describeValue(entry)}. ${usage}`);
  }
  if (url.hostname === "") {
    return fail(`expected a host, got ${describeValue(entry)}. ${usage}`);
  }
  return { ok: true, value: url.host };
}

/** Returns whether a URL host name (as `URL.hostname` returns it) is a loopback address. */
export function isLoopbackHostname(hostname: string): boolean {
  if (hostname === "localhost" || hostname === "[::1]") {
    return true;
  }
  // URL.hostname is already normalised, so 127.1 and 0x7f.0.0.1 arrive as 127.0.0.1.
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

function fail(message: string): { ok: false; message: string } {
  return { ok: false, message };
}
