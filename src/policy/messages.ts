/**
 * Turns zod issues into messages for the person who edits the policy: what is wrong, what was
 * found (its type and a short value, never a secret) and, where it helps, what to do.
 */
import { z } from "zod";
import {
  isSecretPath,
  isSecretSourcePath,
  literalSecretMessage,
  unknownSecretKeyMessage,
} from "./secret-messages.js";
import { suggestClosest } from "./suggest.js";

export type RawIssue = z.core.$ZodRawIssue;

/**
 * Separates the per-key messages of one `unrecognized_keys` issue. zod raises one issue for all
 * unknown keys of an object, but each key gets its own problem and location.
 */
export const UNKNOWN_KEY_SEPARATOR = "\n";

const MAX_SHOWN_STRING = 60;

/** Describes a value by type and, unless `hidden`, by a short excerpt: `the string "abc"`. */
export function describeValue(value: unknown, hidden = false): string {
  if (value === undefined) {
    return "nothing";
  }
  if (value === null) {
    return "null (an empty value)";
  }
  if (typeof value === "string") {
    if (hidden) {
      return `a string of ${value.length} characters (not shown because it may be a secret)`;
    }
    const excerpt =
      value.length > MAX_SHOWN_STRING ? `${value.slice(0, MAX_SHOWN_STRING)}...` : value;
    return `the string ${JSON.stringify(excerpt)}`;
  }
  if (typeof value === "number" || typeof value === "boolean") {
    return hidden ? `a ${typeof value}` : String(value);
  }
  if (Array.isArray(value)) {
    return value.length === 1 ? "a list of 1 entry" : `a list of ${value.length} entries`;
  }
  if (typeof value === "object") {
    return "a mapping";
  }
  return `a value of type ${typeof value}`;
}

/** Describes the input of an issue, hiding it when the issue's path may contain a secret. */
export function describeReceived(issue: RawIssue): string {
  return describeValue(issue.input, isSecretPath(issue.path ?? []));
}

/**
 * Builds the message for one zod issue, as the error map of every policy parse. Checks
 * that know their key better (hints, secrets) set their own `error`, which zod calls first.
 */
export function describeIssue(issue: RawIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return describeInvalidType(issue);
    case "too_small":
      return describeTooSmall(issue);
    case "too_big":
      return describeTooBig(issue);
    case "invalid_value":
      return describeInvalidValue(issue);
    case "unrecognized_keys":
      return describeUnknownKeys(issue);
    case "invalid_union":
      return describeInvalidUnion(issue);
    case "invalid_key":
      return issue.issues[0]?.message ?? "invalid key.";
    case "not_multiple_of":
      return `expected an integer, got ${describeReceived(issue)}.`;
    default:
      return `invalid value, got ${describeReceived(issue)}.`;
  }
}

/** Appends `hint` to the message of every issue the schema raises. */
export function withHint(hint: string): (issue: RawIssue) => string {
  return (issue) => `${describeIssue(issue)} ${hint}`;
}

function describeMissing(issue: RawIssue): string {
  const description = issue.inst ? z.globalRegistry.get(issue.inst as z.ZodType)?.description : "";
  const expected = description?.replace(/\s*Required\.$/, "").replace(/\.$/, "");
  return expected ? `required key is missing (${expected}).` : "required key is missing.";
}

const EXPECTED_NAMES: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "an integer",
  boolean: "true or false",
  array: "a list",
  object: "a mapping (key: value pairs)",
  record: "a mapping (key: value pairs)",
};

function describeInvalidType(issue: Extract<RawIssue, { code: "invalid_type" }>): string {
  const path = issue.path ?? [];
  if (issue.input === undefined) {
    return describeMissing(issue);
  }
  if (issue.expected === "object" && isSecretLiteral(path, issue.input)) {
    const field = path.length === 1 ? ["auth", "secret"] : path;
    return literalSecretMessage(field, issue.input);
  }

  const expected = EXPECTED_NAMES[issue.expected] ?? issue.expected;
  const message = `expected ${expected}, got ${describeReceived(issue)}.`;
  return `${message}${typeHint(issue.expected, issue.input)}`;
}

function isSecretLiteral(path: readonly PropertyKey[], input: unknown): boolean {
  const isLiteral = typeof input === "string" || typeof input === "number";
  const isAuth = path.length === 1 && path[0] === "auth";
  return isLiteral && (isAuth || isSecretSourcePath(path));
}

function typeHint(expected: string, input: unknown): string {
  const numeric = typeof input === "string" && /^-?\d+(\.\d+)?$/.test(input.trim());
  if ((expected === "number" || expected === "int") && numeric) {
    return " Remove the quotes.";
  }
  if (expected === "boolean" && typeof input === "string") {
    return " YAML 1.2 reads only true and false as booleans.";
  }
  if (expected === "array" && (typeof input === "string" || typeof input === "number")) {
    return ` Write a list, e.g. [${String(input)}].`;
  }
  return "";
}

function describeTooSmall(issue: Extract<RawIssue, { code: "too_small" }>): string {
  const minimum = Number(issue.minimum);
  const received = describeReceived(issue);
  if (issue.origin === "string") {
    return minimum <= 1 ? "must not be empty." : `expected at least ${minimum} characters.`;
  }
  if (issue.origin === "array" || issue.origin === "set") {
    const count = Array.isArray(issue.input) ? issue.input.length : 0;
    const got = count === 0 ? "an empty list" : received;
    return `expected at least ${minimum} ${minimum === 1 ? "entry" : "entries"}, got ${got}.`;
  }
  const relation = issue.inclusive === false ? ">" : ">=";
  return `expected an integer ${relation} ${minimum}, got ${received}.`;
}

function describeTooBig(issue: Extract<RawIssue, { code: "too_big" }>): string {
  const maximum = Number(issue.maximum);
  const received = describeReceived(issue);
  if (issue.origin === "string") {
    const length = typeof issue.input === "string" ? issue.input.length : 0;
    return `expected at most ${maximum} characters, got ${length}.`;
  }
  if (issue.origin === "array" || issue.origin === "set") {
    return `expected at most ${maximum} entries, got ${received}.`;
  }
  const relation = issue.inclusive === false ? "<" : "<=";
  return `expected an integer ${relation} ${maximum}, got ${received}.`;
}

function describeInvalidValue(issue: Extract<RawIssue, { code: "invalid_value" }>): string {
  const options = issue.values.map(String);
  if (issue.input === undefined) {
    return `${describeMissing(issue)} Set it to one of ${options.join(", ")}.`;
  }
  return `expected one of ${options.join(", ")}, got ${describeReceived(issue)}.${didYouMean(issue.input, options)}`;
}

function describeInvalidUnion(issue: Extract<RawIssue, { code: "invalid_union" }>): string {
  const discriminator = issue.discriminator;
  if (discriminator === undefined || !isRecord(issue.input)) {
    return `invalid value, got ${describeReceived(issue)}.`;
  }
  const options = Array.isArray(issue.options) ? issue.options.map(String) : [];
  const value = issue.input[discriminator];
  if (value === undefined) {
    return `required key is missing. Set it to one of ${options.join(", ")}.`;
  }
  const received = describeValue(value);
  return `expected one of ${options.join(", ")}, got ${received}.${didYouMean(value, options)}`;
}

function describeUnknownKeys(issue: Extract<RawIssue, { code: "unrecognized_keys" }>): string {
  const path = issue.path ?? [];
  const allowed = allowedKeys(issue.inst);
  const input = isRecord(issue.input) ? issue.input : {};
  const authScheme = path.length === 1 ? input["scheme"] : undefined;

  const messages = issue.keys.map((key) => {
    const value = input[key];
    const suggestion = suggestClosest(key, allowed);
    const isLiteral = typeof value === "string" || typeof value === "number";
    if (path[0] === "auth" && isLiteral && suggestion === undefined) {
      return unknownSecretKeyMessage([...path, key], authScheme);
    }
    return describeUnknownKey(key, allowed, suggestion);
  });
  return messages.join(UNKNOWN_KEY_SEPARATOR);
}

function describeUnknownKey(
  key: string,
  allowed: string[],
  suggestion: string | undefined,
): string {
  if (key === "<<") {
    return "YAML merge keys (<<) are not supported. Write the keys out in full.";
  }
  const hint = suggestion === undefined ? "" : ` Did you mean "${suggestion}"?`;
  const list = allowed.length === 0 ? "none" : allowed.join(", ");
  return `unknown key ${JSON.stringify(key)}.${hint} Allowed keys: ${list}.`;
}

function allowedKeys(inst: RawIssue["inst"]): string[] {
  const def = inst?._zod.def as { shape?: Record<string, unknown> } | undefined;
  return def?.shape ? Object.keys(def.shape) : [];
}

function didYouMean(value: unknown, options: readonly string[]): string {
  if (typeof value !== "string") {
    return "";
  }
  const suggestion = suggestClosest(value, options);
  return suggestion === undefined ? "" : ` Did you mean ${suggestion}?`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
