/**
 * Fixed values the instance generator and the mutations draw from: valid samples of each format,
 * near misses that a careless check accepts, and numbers at the edges of JavaScript's range.
 */
import type { Random } from "./random.js";

function pad(value: number, length = 2): string {
  return String(value).padStart(length, "0");
}

function drawDate(random: Random): string {
  const year = random.int(1970, 2099);
  const month = random.int(1, 12);
  const day = random.int(1, month === 2 ? 28 : 30);
  return `${year}-${pad(month)}-${pad(day)}`;
}

function drawTime(random: Random): string {
  const fraction = random.chance(0.3) ? `.${random.int(0, 999999)}` : "";
  return `${pad(random.int(0, 23))}:${pad(random.int(0, 59))}:${pad(random.int(0, 59))}${fraction}`;
}

function drawOffset(random: Random): string {
  return random.pick(["Z", "+00:00", "+02:00", "-05:30", "+14:00", "-00:00"]);
}

function drawBase64(random: Random): string {
  const bytes = Buffer.alloc(random.int(0, 12));
  for (let i = 0; i < bytes.length; i++) bytes[i] = random.int(0, 255);
  return bytes.toString("base64");
}

function drawHex(random: Random, length: number): string {
  let text = "";
  for (let i = 0; i < length; i++) text += "0123456789abcdefABCDEF"[random.int(0, 21)];
  return text;
}

const VALID: Record<string, (random: Random) => string> = {
  "date-time": (random) => `${drawDate(random)}T${drawTime(random)}${drawOffset(random)}`,
  date: drawDate,
  time: (random) => `${drawTime(random)}${random.chance(0.5) ? drawOffset(random) : ""}`,
  email: (random) =>
    random.pick(["user@example.com", "first.last+tag@mail.example.org", "a_b-c@sub.example.io"]),
  uri: (random) =>
    random.pick([
      "https://example.com/",
      "https://api.example.com/v1/items?id=3#top",
      "urn:isbn:0451450523",
      "mailto:user@example.com",
    ]),
  ipv4: (random) =>
    `${random.int(0, 255)}.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(0, 255)}`,
  ipv6: (random) =>
    random.pick([
      "::1",
      "2001:db8::8a2e:370:7334",
      "fe80::",
      "::ffff:192.0.2.1",
      "1:2:3:4:5:6:7:8",
    ]),
  byte: drawBase64,
  uuid: (random) =>
    `${drawHex(random, 8)}-${drawHex(random, 4)}-${drawHex(random, 4)}-${drawHex(random, 4)}-${drawHex(random, 12)}`,
};

/** Returns a valid string of a format the reference checks, or undefined for any other format. */
export function formatSamples(format: string, random: Random): string | undefined {
  return VALID[format]?.(random);
}

/** Strings that break each format's rules in the ways validators most often get wrong. */
export const FORMAT_NEAR_MISSES: Record<string, string[]> = {
  "date-time": [
    "2024-01-01T00:00:00",
    "2024-01-01 00:00:00Z",
    "2024-01-01t00:00:00z",
    "2024-01-01T00:00Z",
    "2024-01-01T00:00:00+0200",
    "2024-01-01T00:00:00+02",
    "2024-02-30T00:00:00Z",
    "2023-02-29T12:00:00Z",
    "2024-02-29T12:00:00Z",
    "1998-12-31T23:59:60Z",
    "1998-12-31T15:59:60-08:00",
    "1998-12-31T23:58:60Z",
    "2024-01-01T24:00:00Z",
    "2024-01-01T00:00:00.Z",
    "2024-01-01T00:00:00+24:00",
    " 2024-01-01T00:00:00Z",
  ],
  date: [
    "2024-02-29",
    "2023-02-29",
    "2024-13-01",
    "2024-1-01",
    "20240101",
    "2024-01-01T00:00:00Z",
    "0000-01-01",
  ],
  time: [
    "10:00",
    "10:00:00",
    "10:00:00Z",
    "10:00:00+02:00",
    "10:00:00.5",
    "23:59:60",
    "23:59:60Z",
    "24:00:00",
    "10:00:00+0200",
  ],
  email: [
    "a@b",
    "a@b.c",
    "a..b@example.com",
    ".a@example.com",
    "a.@example.com",
    '"a b"@example.com',
    "a@[127.0.0.1]",
    "a!b#c@example.com",
    "é@example.com",
    "a@-example.com",
    "a@example-.com",
    "a@example.com ",
    "o'neil@example.com",
    "a'@example.com",
  ],
  uri: [
    "example.com",
    "//example.com",
    "http://exa mple.com",
    "https://example.com/a b",
    " https://example.com",
    "https://example.com\n",
    "a:b",
    "http:",
    "https://[::1]/",
    "https://ex\tample.com",
  ],
  ipv4: ["01.2.3.4", "256.1.1.1", "1.2.3", "1.2.3.4.5", "1.2.3.04", " 1.2.3.4"],
  ipv6: [
    "fe80::1%eth0",
    "1::2::3",
    "12345::1",
    "1:2:3:4:5:6:7:8:9",
    "::ffff:1.2.3",
    "::ffff:1.2.3.256",
    ":1:2:3:4:5:6:7",
    "1:2:3:4:5:6:7::",
    "1:2:3:4:5:6:7:8::",
  ],
  byte: ["", "QQ", "QQ=", "Q===", "QU JD", "QUJD\n", "QUJD====", "QUJ-", "QUJ_"],
  uuid: [
    "00000000-0000-0000-0000-00000000000",
    "g0000000-0000-0000-0000-000000000000",
    "00000000000000000000000000000000",
    "{00000000-0000-0000-0000-000000000000}",
  ],
};

/** Numbers at the edges of what zod, ajv and JSON.parse treat alike. */
export const EDGE_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  1.5,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 53 - 1,
  2 ** 53,
  -(2 ** 53 - 1),
  -(2 ** 53),
  1e21,
  1e300,
  -1e300,
  5e-324,
  1e-7,
  0.1,
  0.3,
];

/** Strings whose length differs in UTF-16 code units and in code points, or that look like other values. */
export const TRICKY_STRINGS = [
  "",
  " ",
  "😀",
  "a😀",
  "😀😀😀",
  "é",
  "\u0000",
  "null",
  "0",
  "true",
  "constructor",
  "__proto__",
];

/** `digits * 10^-scale` of a number's shortest decimal form. */
function toDecimal(value: number): { digits: bigint; scale: number } {
  const [mantissa, exponentText] = String(value).split("e");
  const [whole, fraction = ""] = mantissa!.split(".");
  return {
    digits: BigInt(`${whole}${fraction}`),
    scale: fraction.length - Number(exponentText ?? 0),
  };
}

/** `step * factor` computed in decimal, so 0.1 * 3 is 0.3 and not 0.30000000000000004. */
export function decimalMultiple(step: number, factor: number): number {
  const { digits, scale } = toDecimal(step);
  return Number(`${digits * BigInt(factor)}e${-scale}`);
}
