/**
 * Builds the request of `VendorRuntime.callUrl`, which follows an absolute URL the vendor
 * returned, such as a pagination `next` link or a `Location`. The URL is untrusted input: it is
 * checked against the host policy before anything else happens, and credentials go with it only
 * when it is on the pinned origin.
 */
import { resolveCredentials, type Credentials } from "./auth.js";
import {
  HostNotAllowedError,
  InsecureRequestError,
  RequestValidationError,
  type ErrorContext,
} from "./errors.js";
import { assertRequestAllowed, type HostPolicy } from "./host-policy.js";
import type { CallInput } from "./operation.js";
import type { OperationPlan } from "./operation-plan.js";
import {
  assembleRequest,
  type PreparedRequest,
  type RequestBuilderSettings,
} from "./request-builder.js";
import { serialiseRequestBody } from "./request-body.js";

/** Input of `callUrl`: the URL carries the path and query, so headers, cookies and a body remain. */
export type UrlCallInput = Omit<CallInput, "path" | "query">;

/**
 * Parses a vendor-supplied URL and throws unless it may be requested: absolute, without user
 * info, https (http only on the pinned origin, which the policy allows only for loopback), and
 * on the pinned origin or a host and port listed in allowedHosts. Messages never contain the
 * URL's path or query, which may carry a cursor or a signature.
 */
export function parseVendorUrl(raw: string | URL, hosts: HostPolicy, context: ErrorContext): URL {
  let url: URL;
  try {
    url = new URL(String(raw));
  } catch {
    throw new RequestValidationError(context, "the URL to follow is not an absolute URL");
  }
  if (url.username !== "" || url.password !== "") {
    throw new RequestValidationError(context, "the URL to follow contains a user name or password");
  }
  if (url.protocol === "http:" && url.origin !== hosts.pinnedOrigin) {
    throw new InsecureRequestError(context, url.host, "plain http is not followed");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new HostNotAllowedError(context, url.host, `scheme ${url.protocol} is not allowed`);
  }
  assertRequestAllowed(hosts, url, context);
  return url;
}

/** Returns the origin and path of a URL: what errors and events may show. */
export function describeVendorUrl(url: URL): string {
  return url.origin + url.pathname;
}

/**
 * Builds the request for a URL that `parseVendorUrl` accepted. Header parameters, cookies and
 * the body come from `input` as for `call`; path and query are sent as the URL has them.
 */
export async function prepareUrlRequest(
  settings: RequestBuilderSettings,
  plan: OperationPlan,
  url: URL,
  input: UrlCallInput,
  context: ErrorContext,
): Promise<PreparedRequest> {
  const { operation } = plan;
  const onPinnedOrigin = url.origin === settings.base.origin;
  const credentials: Credentials = onPinnedOrigin
    ? await resolveCredentials(settings.auth, operation.auth, settings.secrets, context)
    : { headers: {}, query: [], cookies: [] };

  const extraQuery = credentials.query.map(
    ([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`,
  );
  const query = [url.search.slice(1), ...extraQuery].filter((part) => part !== "").join("&");
  const target = {
    path: query === "" ? url.pathname : `${url.pathname}?${query}`,
    displayUrl: describeVendorUrl(url),
  };
  const body = await serialiseRequestBody(operation.requestBody, input.body, context);
  return assembleRequest(url.origin, target, plan, input, credentials, body, context);
}
