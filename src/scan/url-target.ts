/**
 * The scheme and host that a URL value targets, read with the WHATWG URL parser that Node.js and
 * undici use, so host names are normalised (case, IPv4 shorthand, brackets) the way requests see
 * them.
 */
import { hasScheme, type UrlValue } from "./url-value.js";

/** The origin parts of an http or https URL that the rules look at. */
export interface UrlTarget {
  protocol: "http:" | "https:";
  /** Host name as `URL.hostname` returns it: lower case, IPv6 in brackets. */
  hostname: string;
  /** `scheme://host[:port]`, for messages. */
  origin: string;
}

/**
 * The target of a URL value: an http(s) origin, a path relative to the page or a base URL, a URL
 * of another scheme (`data:`, `file:`), which no rule checks, or a value the scan cannot read.
 */
export type TargetResult =
  | { kind: "target"; target: UrlTarget }
  | { kind: "relative" }
  | { kind: "other-scheme" }
  | { kind: "unknown" };

const UNKNOWN: TargetResult = { kind: "unknown" };

/** Returns what `value` targets. */
export function targetOf(value: UrlValue): TargetResult {
  if (value.kind === "unknown") return UNKNOWN;
  if (!hasScheme(value.text)) return relativeOrUnknown(value);
  return value.kind === "text" ? targetOfText(value.text) : targetOfPrefix(value.text);
}

/**
 * Returns the value a call with a base URL (axios `baseURL`, got and ky `prefixUrl`, an undici
 * client's origin) sends to: an absolute `url` replaces the base, a relative one keeps its host.
 */
export function withBase(url: UrlValue | undefined, base: UrlValue | undefined): UrlValue {
  if (url === undefined) return base ?? UNKNOWN_VALUE;
  if (base === undefined || url.kind === "unknown" || hasScheme(url.text)) return url;
  if (url.text.startsWith("//") || (url.kind === "prefix" && url.text === "")) return UNKNOWN_VALUE;
  return base;
}

const UNKNOWN_VALUE: UrlValue = { kind: "unknown" };

function relativeOrUnknown(value: { kind: "text" | "prefix"; text: string }): TargetResult {
  // "//host" takes the scheme of the page, and an empty prefix may still become absolute.
  if (value.text.startsWith("//") || (value.kind === "prefix" && value.text === "")) return UNKNOWN;
  return { kind: "relative" };
}

function targetOfText(text: string): TargetResult {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return UNKNOWN;
  }
  return fromUrl(url);
}

/**
 * Returns the target of a prefix. A prefix fixes the host when its authority is complete: followed by `/`, `?` or `#`, or ending
 * the prefix with a host name that does not end in `.`, `-`, `:` or `@`, where more would follow.
 */
function targetOfPrefix(prefix: string): TargetResult {
  const match = /^([a-z][a-z0-9+.-]*:)\/\/([^/?#]*)([/?#]?)/i.exec(prefix);
  if (match === null) return UNKNOWN;
  const [, scheme, authority, terminator] = match as unknown as [string, string, string, string];
  if (authority === "" || (terminator === "" && /[.\-:@]$/.test(authority))) return UNKNOWN;
  return targetOfText(`${scheme}//${authority}/`);
}

function fromUrl(url: URL): TargetResult {
  if (url.protocol !== "http:" && url.protocol !== "https:") return { kind: "other-scheme" };
  if (url.hostname === "") return UNKNOWN;
  return {
    kind: "target",
    target: {
      protocol: url.protocol,
      hostname: url.hostname,
      origin: `${url.protocol}//${url.host}`,
    },
  };
}
