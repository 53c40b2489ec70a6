/**
 * The string formats as the README states them, checked on hand-picked values against both the
 * reference predicates of the differential check and the runtime predicates generated schemas use.
 * The differential check compares the two on drawn values; this table fixes the verdict both must return.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isDecimalMultiple } from "../../src/fidelity/reference-validator.js";
import { REFERENCE_FORMATS } from "../../src/fidelity/reference-formats.js";
import { isMultipleOf } from "../../src/runtime/number-rules.js";
import { isAbsoluteUrl, isDateTime, isEmail, isTime } from "../../src/runtime/string-formats.js";

interface FormatCase {
  format: string;
  runtime: (value: string) => boolean;
  valid: string[];
  invalid: string[];
}

const CASES: FormatCase[] = [
  {
    format: "date-time",
    runtime: isDateTime,
    valid: [
      "2024-01-01T00:00:00Z",
      "2024-02-29T12:30:45.123456+02:00",
      "1963-06-19t08:30:06.283185z",
      "1998-12-31T23:59:60Z",
      "1998-12-31T15:59:60-08:00",
      "2024-01-01T00:00:00-00:00",
    ],
    invalid: [
      "2024-01-01T00:00:00",
      "2024-01-01 00:00:00Z",
      "2024-01-01T00:00Z",
      "2024-01-01T00:00:00+0200",
      "2023-02-29T00:00:00Z",
      "2024-04-31T00:00:00Z",
      "1998-12-31T23:58:60Z",
      "2024-01-01T24:00:00Z",
      "2024-01-01T00:00:00+24:00",
    ],
  },
  {
    format: "time",
    runtime: isTime,
    valid: ["10:00:00", "10:00:00.5", "10:00:00Z", "10:00:00+02:00", "23:59:60Z"],
    invalid: ["10:00", "24:00:00", "23:59:60", "10:00:00+0200", "10:60:00"],
  },
  {
    format: "email",
    runtime: isEmail,
    valid: [
      "user@example.com",
      "first.last+tag@mail.example.org",
      "a!b#c@example.com",
      "o'neil@example.io",
    ],
    invalid: [
      "a@b",
      "a@b.c",
      "a..b@example.com",
      ".a@example.com",
      "a.@example.com",
      '"a b"@example.com',
      "a@[192.0.2.1]",
      "é@example.com",
      "a@-example.com",
      "a@example-.com",
    ],
  },
  {
    format: "uri",
    runtime: isAbsoluteUrl,
    valid: [
      "https://example.com/",
      "urn:isbn:0451450523",
      "mailto:user@example.com",
      "https://example.com/a b",
    ],
    invalid: [
      "example.com",
      "//example.com",
      " https://example.com",
      "https://example.com\n",
      "https://ex\tample.com",
      "http://exa mple.com",
    ],
  },
];

describe("string formats", () => {
  for (const { format, runtime, valid, invalid } of CASES) {
    const reference = REFERENCE_FORMATS[format]!;
    test(`${format} accepts valid values`, () => {
      for (const value of valid) {
        assert.equal(reference(value), true, `reference rejects ${JSON.stringify(value)}`);
        assert.equal(runtime(value), true, `runtime rejects ${JSON.stringify(value)}`);
      }
    });
    test(`${format} rejects invalid values`, () => {
      for (const value of invalid) {
        assert.equal(reference(value), false, `reference accepts ${JSON.stringify(value)}`);
        assert.equal(runtime(value), false, `runtime accepts ${JSON.stringify(value)}`);
      }
    });
  }
});

describe("multipleOf", () => {
  const table: Array<[number, number, boolean]> = [
    [0.3, 0.1, true],
    [0.7, 0.1, true],
    [1.1, 0.01, true],
    [12345678.91, 0.01, true],
    [3e-7, 1e-7, true],
    [1e21, 8, true],
    [5e-324, 0.0001, false],
    [1e-8, 1e-7, false],
    [0.35, 0.1, false],
    [-0.3, 0.1, true],
  ];
  for (const [value, step, expected] of table) {
    test(`${value} against ${step}`, () => {
      assert.equal(isDecimalMultiple(value, step), expected, "reference");
      assert.equal(isMultipleOf(value, step), expected, "runtime");
    });
  }
});
