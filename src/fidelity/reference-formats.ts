/**
 * The string formats of the reference validator. They are written from their definitions (RFC
 * 3339, RFC 4291, RFC 4648, RFC 5321 and the WHATWG URL standard, as the README narrows them) and
 * not from the generated code, so ajv and zod are compared against the documented rules.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([Zz])|([+-])(\d{2}):(\d{2}))?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** RFC 3339 `full-date`: a real calendar day. */
export function isReferenceDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * RFC 3339 `partial-time` with an optional `time-offset`. Second 60 is a leap second, valid only
 * where the time is 23:59 in UTC, which needs the offset.
 */
function isTime(value: string, offsetRequired: boolean): boolean {
  const match = TIME.exec(value);
  if (!match) return false;
  const [, hourText, minuteText, secondText, , zulu, sign, offsetHourText, offsetMinuteText] =
    match;
  const hour = Number(hourText);
  const minute = Number(minuteText);
  const second = Number(secondText);
  const hasOffset = zulu !== undefined || sign !== undefined;
  if (offsetRequired && !hasOffset) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  const offsetHour = Number(offsetHourText ?? 0);
  const offsetMinute = Number(offsetMinuteText ?? 0);
  if (offsetHour > 23 || offsetMinute > 59) return false;
  if (second < 60) return true;
  if (!hasOffset) return false;
  const direction = sign === "-" ? -1 : 1;
  const utcMinutes =
    (((hour * 60 + minute - direction * (offsetHour * 60 + offsetMinute)) % 1440) + 1440) % 1440;
  return utcMinutes === 23 * 60 + 59;
}

/** RFC 3339 `date-time`: `T` and `Z` in either case, seconds and an offset required. */
export function isReferenceDateTime(value: string): boolean {
  const separator = value.search(/[Tt]/);
  if (separator !== 10) return false;
  return isReferenceDate(value.slice(0, 10)) && isTime(value.slice(11), true);
}

/** RFC 3339 `partial-time`, optionally with an offset. */
export function isReferenceTime(value: string): boolean {
  return isTime(value, false);
}

const IPV4_OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])";
const IPV4 = new RegExp(`^${IPV4_OCTET}(?:\\.${IPV4_OCTET}){3}$`);

/** Dotted-quad IPv4 without leading zeros. */
export function isReferenceIpv4(value: string): boolean {
  return IPV4.test(value);
}

/** RFC 4291 section 2.2 text forms: eight groups, one `::`, an embedded IPv4 tail; no zone. */
export function isReferenceIpv6(value: string): boolean {
  let text = value;
  const lastColon = text.lastIndexOf(":");
  if (lastColon !== -1 && text.slice(lastColon + 1).includes(".")) {
    // The dotted tail stands for the last two groups.
    if (!isReferenceIpv4(text.slice(lastColon + 1))) return false;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return false;
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  const all = halves.flatMap(groups);
  if (!all.every((group) => /^[0-9A-Fa-f]{1,4}$/.test(group))) return false;
  return halves.length === 2 ? all.length < 8 : all.length === 8;
}

/** RFC 4648 section 4 base64 with padding; the empty string encodes zero bytes. */
export function isReferenceBase64(value: string): boolean {
  if (value.length % 4 !== 0) return false;
  return /^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value);
}

/** Five groups of 8-4-4-4-12 hexadecimal digits, any version and variant. */
export function isReferenceUuid(value: string): boolean {
  return /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/.test(
    value,
  );
}

/** Characters RFC 5322 allows in an unquoted atom. */
const ATEXT = "A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~";
const LOCAL_PART = new RegExp(`^[${ATEXT}]+(?:\\.[${ATEXT}]+)*$`);
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * RFC 5321 mailbox with a dot-atom local part (no quoted strings) and a domain of two or more
 * LDH labels whose last label has two or more letters (no address literals).
 */
export function isReferenceEmail(value: string): boolean {
  const at = value.lastIndexOf("@");
  if (at < 1) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (local.length > 64 || domain.length > 253 || !LOCAL_PART.test(local)) return false;
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return false;
  return /^[A-Za-z]{2,}$/.test(labels[labels.length - 1]!);
}

/**
 * Checks for an absolute URL as the WHATWG URL parser reads it, taken as written. The parser
 * would drop surrounding spaces and control characters and inner tabs and line breaks, so values
 * containing them are rejected.
 */
export function isReferenceUri(value: string): boolean {
  if (/^[\u0000-\u0020]|[\u0000-\u0020]$|[\t\n\r]/.test(value)) return false;
  return URL.canParse(value);
}

/** Every format the reference checks; any other format is a plain string. */
export const REFERENCE_FORMATS: Record<string, (value: string) => boolean> = {
  "date-time": isReferenceDateTime,
  date: isReferenceDate,
  time: isReferenceTime,
  email: isReferenceEmail,
  uri: isReferenceUri,
  ipv4: isReferenceIpv4,
  ipv6: isReferenceIpv6,
  byte: isReferenceBase64,
  uuid: isReferenceUuid,
};
