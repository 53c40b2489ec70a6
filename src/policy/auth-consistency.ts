/**
 * Checks of the `auth` key against other keys: the OAuth 2.0 token endpoint must be reachable
 * under the same rules as the base URL, https (or http to loopback with allowInsecureHttp) and
 * on a host listed in allowedHosts.
 */
import { isLoopbackHostname, normalizeHost, parseTokenUrl } from "./url-rules.js";

type Report = (path: (string | number)[], message: string) => void;

/** Reports an `auth.tokenUrl` that the client could not or should not request. */
export function checkTokenUrl(policy: Record<string, unknown>, report: Report): void {
  const auth = policy["auth"];
  if (typeof auth !== "object" || auth === null) {
    return;
  }
  const raw = (auth as Record<string, unknown>)["tokenUrl"];
  const parsed = typeof raw === "string" ? parseTokenUrl(raw) : undefined;
  if (!parsed?.ok) {
    return;
  }
  const url = parsed.value;
  const path = ["auth", "tokenUrl"];

  if (url.protocol === "http:" && policy["allowInsecureHttp"] !== true) {
    report(
      path,
      "uses http://, which sends the client secret and the token in clear text. Use https://, or set allowInsecureHttp: true for a test server on loopback.",
    );
  } else if (url.protocol === "http:" && !isLoopbackHostname(url.hostname)) {
    report(
      path,
      `allowInsecureHttp allows http:// only to loopback hosts (127.0.0.0/8, ::1, localhost), but the host is ${url.hostname}. Use https://.`,
    );
  }

  const hosts = allowedHostsOf(policy["allowedHosts"]);
  if (hosts !== undefined && !hosts.includes(url.host)) {
    report(
      path,
      `the token endpoint's host ${url.host} is not in allowedHosts, so the client may not request it. Add "${url.host}" to allowedHosts.`,
    );
  }
}

/** Normalises every allowed host, or returns undefined when an entry is invalid. */
function allowedHostsOf(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  const hosts: string[] = [];
  for (const entry of value) {
    const normalized = typeof entry === "string" ? normalizeHost(entry) : undefined;
    if (!normalized?.ok) {
      return undefined;
    }
    hosts.push(normalized.value);
  }
  return hosts;
}
