/**
 * String formats whose rules zod's own builders state differently: RFC 3339 date-time and time,
 * RFC 5321 mailboxes, and absolute URLs taken as written. The generated schemas use them through
 * `z.stringFormat`.
 */

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))?$/;

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function lastDayOfMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Checks hour, minute, second and offset ranges. Second 60 is a leap second, which RFC 3339 allows
 * only at 23:59 UTC, so it needs an offset to place it.
 */
function isValidClock(
  hour: number,
  minute: number,
  second: number,
  offset: { sign: string; hour: number; minute: number } | undefined,
): boolean {
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (offset && (offset.hour > 23 || offset.minute > 59)) return false;
  if (second < 60) return true;
  if (!offset) return false;
  const offsetMinutes = (offset.sign === "-" ? -1 : 1) * (offset.hour * 60 + offset.minute);
  const utcMinuteOfDay = (((hour * 60 + minute - offsetMinutes) % 1440) + 1440) % 1440;
  return utcMinuteOfDay === 1439;
}

function offsetOf(
  sign: string | undefined,
  hour: string | undefined,
  minute: string | undefined,
): { sign: string; hour: number; minute: number } | undefined {
  if (sign === undefined) return { sign: "+", hour: 0, minute: 0 };
  return { sign, hour: Number(hour), minute: Number(minute) };
}

/**
 * Checks RFC 3339 `date-time`: a real calendar date, seconds, an optional fraction and a required
 * offset (`Z` or `+hh:mm`). `T` and `Z` may be lower case, as the RFC allows.
 */
export function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match) return false;
  const [, year, month, day, hour, minute, second, sign, offsetHour, offsetMinute] = match;
  const monthNumber = Number(month);
  if (monthNumber < 1 || monthNumber > 12) return false;
  const dayNumber = Number(day);
  if (dayNumber < 1 || dayNumber > lastDayOfMonth(Number(year), monthNumber)) return false;
  const offset = offsetOf(sign, offsetHour, offsetMinute);
  return isValidClock(Number(hour), Number(minute), Number(second), offset);
}

/**
 * RFC 3339 `partial-time` (`hh:mm:ss` with an optional fraction), with or without an offset:
 * vendors send both for `format: time`.
 */
export function isTime(value: string): boolean {
  const match = TIME.exec(value);
  if (!match) return false;
  const [, hour, minute, second, sign, offsetHour, offsetMinute] = match;
  const hasOffset = /[Zz]$/.test(value) || sign !== undefined;
  const offset = hasOffset ? offsetOf(sign, offsetHour, offsetMinute) : undefined;
  return isValidClock(Number(hour), Number(minute), Number(second), offset);
}

/**
 * Checks for an absolute URL that the WHATWG URL parser reads exactly as written. The parser would drop
 * leading and trailing spaces and control characters and every tab and line break, so a value
 * containing them is rejected rather than read as another URL.
 */
export function isAbsoluteUrl(value: string): boolean {
  if (/^[\u0000-\u0020]|[\u0000-\u0020]$|[\t\n\r]/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/** An RFC 5322 dot-atom: runs of `atext` characters joined by single dots. */
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
/** A host name of two or more LDH labels (RFC 1035) whose last label is two or more letters. */
const HOST_NAME = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/**
 * Checks for an RFC 5321 mailbox whose local part is a dot-atom (at most 64 characters) and whose domain is
 * a host name of at most 253 characters. Quoted local parts and address literals such as
 * `user@[192.0.2.1]` are rejected, as are addresses outside ASCII.
 */
export function isEmail(value: string): boolean {
  const at = value.lastIndexOf("@");
  if (at <= 0) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  return (
    local.length <= 64 && domain.length <= 253 && DOT_ATOM.test(local) && HOST_NAME.test(domain)
  );
}
