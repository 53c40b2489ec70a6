/**
 * Parses the `Retry-After` response header (RFC 9110, section 10.2.3), which is either a number
 * of seconds or an HTTP-date.
 */

/** Returns the requested delay in milliseconds, or undefined for an absent or invalid header. */
export function parseRetryAfter(
  value: string | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed) * 1000;
  }
  // Every HTTP-date format starts with a day name; Date.parse alone would accept "-1".
  const date = /^[A-Za-z]{3}/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(date)) {
    return undefined;
  }
  // A date in the past means the server is ready now.
  return Math.max(0, date - now);
}
