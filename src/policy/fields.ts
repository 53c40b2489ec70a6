/**
 * Field schemas that several policy keys share: integers and durations, names of environment
 * variables, providers and headers, secret and certificate sources, and HTTP methods.
 */
import { z } from "zod";
import type { HttpMethod } from "../runtime/config.js";
import { describeIssue, describeReceived, withHint, type RawIssue } from "./messages.js";

/** Maximum delay of a Node.js timer. A longer delay is set to 1 ms, with a TimeoutOverflowWarning. */
export const MAX_TIMER_MS = 2_147_483_647;

const TIMER_HINT =
  "Node.js timers cannot wait longer than 2147483647 ms (about 24.8 days), and fire a longer delay at once.";

/** Hints appended to the message when the value is below the minimum or above the maximum. */
export interface IntegerHints {
  tooSmall?: string;
  tooBig?: string;
}

/** Returns a schema for an integer from `min` to `max`, both inclusive. */
export function integer(min: number, max: number, hints: IntegerHints = {}) {
  const error = (issue: RawIssue): string => {
    const hint = issue.code === "too_small" ? hints.tooSmall : hints.tooBig;
    const message = describeIssue(issue);
    return hint !== undefined && (issue.code === "too_small" || issue.code === "too_big")
      ? `${message} ${hint}`
      : message;
  };
  // multipleOf(1) rather than int(): a non-integer fails int() with an aborting issue, which
  // would skip the checks across keys and hide their problems until this one is fixed.
  return z
    .number({ error })
    .min(min, { error })
    .max(max, { error })
    .multipleOf(1, { error })
    .meta({ type: "integer" });
}

/** Returns a schema for a duration in milliseconds, from `min` to {@link MAX_TIMER_MS}. */
export function duration(min = 1) {
  return integer(min, MAX_TIMER_MS, { tooBig: TIMER_HINT });
}

/** Returns a schema for a single line of text with a non-blank character, trimmed at both ends. */
export function text(maxLength: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(maxLength)
    .regex(/^[^\x00-\x1f\x7f-\x9f]*$/, {
      error: "must be a single line without control characters.",
    });
}

/**
 * Adds a check to `schema` that rejects names every JavaScript object inherits (`constructor`,
 * `__proto__`, ...), because a lookup such as `providers[name]` would find the inherited member.
 */
function notInheritedName<T extends z.ZodString>(schema: T, kind: string) {
  return schema.refine((name) => !(name in Object.prototype), {
    error: (issue) =>
      `${kind} ${JSON.stringify(issue.input)} is a member of every JavaScript object, so a ` +
      "lookup by this name would not find what you mean. Choose another name.",
  });
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Name of an environment variable. */
export const envName = notInheritedName(
  z.string().regex(ENV_NAME, {
    error: (issue) =>
      "expected an environment variable name (letters, digits and _, not starting with a digit), " +
      `e.g. GITHUB_TOKEN, got ${describeReceived(issue)}.`,
  }),
  "the environment variable name",
);

const PROVIDER_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Name of a provider function passed to the client constructor. */
export const providerName = notInheritedName(
  z.string().regex(PROVIDER_NAME, {
    error: (issue) =>
      "expected a provider name that is a JavaScript identifier, e.g. tokenProvider, " +
      `got ${describeReceived(issue)}.`,
  }),
  "the provider name",
);

/** Characters of an HTTP token (RFC 9110, section 5.6.2), which header and cookie names use. */
const HTTP_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Headers that frame or route the message, which a credential or idempotency key must not replace. */
const RESERVED_HEADERS = new Set([
  "connection",
  "content-length",
  "content-type",
  "cookie",
  "expect",
  "host",
  "keep-alive",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/** A header, cookie or query parameter name made of HTTP token characters. */
export const tokenName = z.string().regex(HTTP_TOKEN, {
  error: (issue) =>
    "expected a name made of letters, digits and !#$%&'*+.^_`|~- (an HTTP token), " +
    `got ${describeReceived(issue)}.`,
});

/** Returns whether the policy must not set the header `name`. */
export function isReservedHeader(name: string): boolean {
  return RESERVED_HEADERS.has(name.toLowerCase());
}

/** Explains why the header `name` cannot carry a credential or idempotency key. */
export function reservedHeaderMessage(name: unknown): string {
  return (
    `the header ${String(name)} frames or routes the request, so the client must not set it ` +
    "from the policy. Choose another header."
  );
}

/** A header name that is an HTTP token and not one of the reserved headers. */
export const headerName = tokenName.refine((name) => !isReservedHeader(name), {
  error: (issue) => reservedHeaderMessage(issue.input),
});

/** HTTP methods, as RuntimeConfig's HttpMethod type lists them. */
export const HTTP_METHODS = [
  "GET",
  "PUT",
  "POST",
  "DELETE",
  "OPTIONS",
  "HEAD",
  "PATCH",
  "TRACE",
] as const satisfies readonly HttpMethod[];

/** An HTTP method in upper case. */
export const httpMethod = z.enum(HTTP_METHODS, {
  error: withHint("Write methods in upper case."),
});

/**
 * Returns a schema for a list whose entries must be distinct. Duplicates are reported rather than dropped, since
 * they usually come from a copy-and-paste slip that hides a missing entry.
 */
export function distinctList<T extends z.ZodType>(entry: T) {
  return z.array(entry).superRefine((list, context) => {
    const seen = new Set<string>();
    list.forEach((value, index) => {
      const key = JSON.stringify(value);
      if (seen.has(key)) {
        context.addIssue({
          code: "custom",
          path: [index],
          input: value,
          message: `${key} is listed more than once. Remove the duplicate.`,
        });
      }
      seen.add(key);
    });
  });
}

type SingleKey<Shape extends Record<string, z.ZodType>> = {
  [Key in keyof Shape]: { [Only in Key]: z.output<Shape[Key]> };
}[keyof Shape];

/**
 * Returns a schema for an object with exactly one of the keys of `shape`, such as `{ env: NAME }`
 * or `{ provider: NAME }`. It parses to an object that contains only that key.
 */
export function exactlyOneKey<Shape extends Record<string, z.ZodType>>(
  shape: Shape,
  example: string,
) {
  const keys = Object.keys(shape);
  const optionalShape = Object.fromEntries(keys.map((key) => [key, shape[key]?.optional()]));
  const oneOf = keys.map((key) => ({ required: [key] }));

  return z
    .strictObject(optionalShape as { [Key in keyof Shape]: z.ZodOptional<Shape[Key]> })
    .superRefine(
      (value, context) => {
        const present = keys.filter((key) => (value as Record<string, unknown>)[key] !== undefined);
        if (present.length !== 1) {
          const found = present.length === 0 ? "none" : present.join(" and ");
          context.addIssue({
            code: "custom",
            input: value,
            message: `expected exactly one of ${keys.join(", ")}, e.g. ${example}, got ${found}.`,
          });
        }
        // An unknown key already explains what is wrong with the object.
      },
      { when: (payload) => payload.issues.length === 0 },
    )
    .transform((value) => {
      const key = keys.find(
        (candidate) => (value as Record<string, unknown>)[candidate] !== undefined,
      );
      const picked: Record<string, unknown> = {};
      if (key !== undefined) {
        picked[key] = (value as Record<string, unknown>)[key];
      }
      return picked as SingleKey<Shape>;
    })
    .meta({ oneOf });
}

/** Returns a schema for where a secret comes from: an environment variable or a provider function. */
export function secretSource() {
  return exactlyOneKey(
    {
      env: envName.describe("Environment variable that holds the secret, read on every call."),
      provider: providerName.describe(
        "Name of a function passed to the client constructor that returns the secret.",
      ),
    },
    "{ env: GITHUB_TOKEN }",
  );
}

/** Returns a schema for where an extra CA certificate (PEM) comes from: a file or an environment variable. */
export function certificateSource() {
  return exactlyOneKey(
    {
      file: z
        .string()
        .min(1)
        .describe(
          "Path of a PEM file. A relative path is resolved against the working directory of the process that runs the client.",
        ),
      env: envName.describe("Environment variable that holds the PEM text."),
    },
    "{ file: certs/vendor-ca.pem }",
  );
}
