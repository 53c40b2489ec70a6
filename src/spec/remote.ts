/**
 * Remote `$ref`s: refused unless the user names their https hosts, and then fetched with a
 * timeout, a size limit and no redirects. Nothing else in vendorguard uses the network.
 */
import { VendorguardError } from "../errors.js";

/** Hosts (`host` or `host:port`) whose https documents `$ref`s may fetch; empty refuses all. */
export interface RemoteRefPolicy {
  allowedHosts: string[];
  /** Largest fetched document, in bytes. */
  maxBytes: number;
}

/** Time one remote document may take to arrive, in milliseconds. */
const FETCH_TIMEOUT_MS = 15_000;

/** True for a reference that names a network location (`http:`, `https:` or scheme-relative `//`). */
export function isRemoteRef(ref: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(ref) ? !/^file:/i.test(ref) : ref.startsWith("//");
}

/** Throws unless `url` is https on an allowed host; `where` names the `$ref` for the message. */
export function assertRemoteAllowed(url: string, policy: RemoteRefPolicy, where: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw refused(where, url, "it is not a valid absolute URL");
  }
  if (policy.allowedHosts.length === 0) {
    throw refused(where, url, "vendorguard never fetches remote references unless --allow-remote-refs names the host");
  }
  if (parsed.protocol !== "https:") throw refused(where, url, "only https remote references can be allowed");
  const host = parsed.port === "" ? parsed.hostname : `${parsed.hostname}:${parsed.port}`;
  if (!policy.allowedHosts.includes(host)) {
    throw refused(where, url, `its host ${host} is not among --allow-remote-refs (${policy.allowedHosts.join(", ")})`);
  }
  return parsed;
}

function refused(where: string, url: string, reason: string): VendorguardError {
  return new VendorguardError(
    "remote_ref",
    `${where}: the $ref "${url}" points to the network and is refused: ${reason}. Download that document next to the spec and make the $ref a relative file path, or allow its host with --allow-remote-refs.`,
  );
}

/** Fetches an allowed remote document: no redirects, bounded time and size. */
export async function fetchRemoteDocument(url: URL, policy: RemoteRefPolicy): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: "error", signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    throw new VendorguardError("remote_ref_failed", `Fetching the $ref target ${url.href} failed: ${(error as Error).message}.`);
  }
  if (!response.ok || !response.body) {
    throw new VendorguardError("remote_ref_failed", `Fetching the $ref target ${url.href} failed with HTTP status ${response.status}.`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > policy.maxBytes) {
      throw new VendorguardError("document_too_large", `The $ref target ${url.href} is over the limit of ${policy.maxBytes} bytes.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
