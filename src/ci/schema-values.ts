/**
 * Comparisons of the leaves of a schema: types that differ, enum and constant values, string and
 * number keywords, and discriminator values. Each returns changes at the compared node.
 */
import type { NumberNode, SchemaNode, StringNode, UnionNode } from "../model/types.js";
import {
  change,
  describeNode,
  type Direction,
  type SchemaChange,
  severityOf,
} from "./schema-change.js";

/** `any` accepts every value, so replacing it narrows and becoming it widens. */
export function compareWithAny(
  before: SchemaNode,
  after: SchemaNode,
  direction: Direction,
): SchemaChange[] {
  if (before.kind === after.kind) return [];
  const widened = after.kind === "any";
  const message = widened
    ? `type changed from ${describeNode(before)} to any value`
    : `type changed from any value to ${describeNode(after)}`;
  return [change("", "type-changed", severityOf(widened, direction), message)];
}

export function isStringEnum(node: SchemaNode): boolean {
  return node.kind === "enum" && node.values.every((value) => typeof value === "string");
}

/** Reports an enum of strings that becomes any string as widening, and the reverse as narrowing. */
export function enumToString(
  before: SchemaNode,
  after: SchemaNode,
  widened: boolean,
  direction: Direction,
): SchemaChange {
  const message = `type changed from ${describeNode(before)} to ${describeNode(after)}`;
  return change("", "type-changed", severityOf(widened, direction), message);
}

/** Reports a change between kinds that neither only widens nor only narrows, e.g. string to object. */
export function typeChange(before: SchemaNode, after: SchemaNode): SchemaChange {
  return change(
    "",
    "type-changed",
    "breaking",
    `type changed from ${describeNode(before)} to ${describeNode(after)}`,
  );
}

/** Values added to and removed from an enum; a new value widens, a removed one narrows. */
export function compareEnumValues(
  before: unknown[],
  after: unknown[],
  direction: Direction,
  subject = { kind: "enum-value", noun: "enum value" },
): SchemaChange[] {
  const beforeKeys = new Set(before.map((value) => JSON.stringify(value)));
  const afterKeys = new Set(after.map((value) => JSON.stringify(value)));
  const added = [...afterKeys].filter((value) => !beforeKeys.has(value));
  const removed = [...beforeKeys].filter((value) => !afterKeys.has(value));
  const changes: SchemaChange[] = [];
  const describe = (values: string[], verb: string) =>
    `${subject.noun}${values.length === 1 ? "" : "s"} ${values.join(", ")} ${verb}`;
  if (added.length > 0) {
    const severity = severityOf(true, direction);
    changes.push(change("", `${subject.kind}-added`, severity, describe(added, "added")));
  }
  if (removed.length > 0) {
    const severity = severityOf(false, direction);
    changes.push(change("", `${subject.kind}-removed`, severity, describe(removed, "removed")));
  }
  return changes;
}

/** Reports a constant that changes value, which accepts none of the old values, as breaking. */
export function compareConst(before: unknown, after: unknown): SchemaChange[] {
  const from = JSON.stringify(before);
  const to = JSON.stringify(after);
  return from === to
    ? []
    : [change("", "const-changed", "breaking", `constant changed from ${from} to ${to}`)];
}

/**
 * Formats the generated zod schemas check, as `src/emit/zod-schema.ts` emits them; any other
 * format is accepted as a plain string or number.
 */
const CHECKED_FORMATS = {
  string: new Set(["date-time", "date", "time", "uuid", "email", "uri", "ipv4", "ipv6", "byte"]),
  number: new Set(["int32"]),
};

/** Formats that only describe how a value is stored, which no validator restricts values by. */
const DESCRIPTIVE_FORMATS = new Set(["int64", "float", "double", "password"]);

/**
 * Compares formats. In requests the vendor may check any format but a descriptive one, while in
 * responses only the formats the client checks can make it reject a value.
 */
function compareFormats(
  kind: "string" | "number",
  before: string | undefined,
  after: string | undefined,
  direction: Direction,
): SchemaChange[] {
  if (before === after) return [];
  const checked = (format: string | undefined) => {
    if (format === undefined) return undefined;
    const restricts =
      direction === "request"
        ? !DESCRIPTIVE_FORMATS.has(format)
        : CHECKED_FORMATS[kind].has(format);
    return restricts ? format : undefined;
  };
  if (checked(before) === checked(after)) {
    const checker = direction === "request" ? "a validator" : "the client";
    const message = `format changed from ${JSON.stringify(before ?? null)} to ${JSON.stringify(after ?? null)}, neither of which ${checker} checks`;
    return [change("", "format-changed", "non-breaking", message)];
  }
  return compareRestriction("format", checked(before), checked(after), direction);
}

const STRING_BOUNDS = [
  ["minLength", "lower"],
  ["maxLength", "upper"],
] as const;

const NUMBER_BOUNDS = [
  ["minimum", "lower"],
  ["exclusiveMinimum", "lower"],
  ["maximum", "upper"],
  ["exclusiveMaximum", "upper"],
] as const;

export function compareStrings(
  before: StringNode,
  after: StringNode,
  direction: Direction,
): SchemaChange[] {
  const changes = compareFormats("string", before.format, after.format, direction);
  if (before.pattern !== after.pattern) {
    changes.push(...compareRestriction("pattern", before.pattern, after.pattern, direction));
  }
  if ((before.binary === true) !== (after.binary === true)) {
    changes.push(
      change(
        "",
        "type-changed",
        "breaking",
        after.binary ? "became binary content" : "is no longer binary content",
      ),
    );
  }
  for (const [keyword, side] of STRING_BOUNDS) {
    changes.push(...compareBound(keyword, before[keyword], after[keyword], side, direction));
  }
  return changes;
}

export function compareNumbers(
  before: NumberNode,
  after: NumberNode,
  direction: Direction,
): SchemaChange[] {
  const changes: SchemaChange[] = [];
  if (before.integer !== after.integer) {
    const widened = !after.integer;
    const message = `type changed from ${describeNode(before)} to ${describeNode(after)}`;
    changes.push(change("", "type-changed", severityOf(widened, direction), message));
  }
  if (after.integer) {
    changes.push(...compareFormats("number", before.format, after.format, direction));
  }
  for (const [keyword, side] of NUMBER_BOUNDS) {
    changes.push(...compareBound(keyword, before[keyword], after[keyword], side, direction));
  }
  if (before.multipleOf !== after.multipleOf) {
    changes.push(
      ...compareRestriction("multipleOf", before.multipleOf, after.multipleOf, direction),
    );
  }
  return changes;
}

/**
 * Compares a keyword that only restricts values (format, pattern, multipleOf). Adding it
 * narrows and removing it widens. Changing it can do both, so a change breaks either way.
 */
function compareRestriction(
  keyword: string,
  before: unknown,
  after: unknown,
  direction: Direction,
): SchemaChange[] {
  const kind = `${keyword}-changed`;
  if (before === undefined) {
    return [
      change("", kind, severityOf(false, direction), `${keyword} ${JSON.stringify(after)} added`),
    ];
  }
  if (after === undefined) {
    return [
      change("", kind, severityOf(true, direction), `${keyword} ${JSON.stringify(before)} removed`),
    ];
  }
  return [
    change(
      "",
      kind,
      "breaking",
      `${keyword} changed from ${JSON.stringify(before)} to ${JSON.stringify(after)}`,
    ),
  ];
}

/** Compares a bound such as minimum or maxLength: a lower bound widens when it falls, an upper one when it rises. */
export function compareBound(
  keyword: string,
  before: number | undefined,
  after: number | undefined,
  side: "lower" | "upper",
  direction: Direction,
): SchemaChange[] {
  if (before === after) return [];
  const removed = after === undefined;
  const widened =
    removed || (before !== undefined && (side === "lower" ? after < before : after > before));
  const message =
    before === undefined
      ? `${keyword} ${after} added`
      : removed
        ? `${keyword} ${before} removed`
        : `${keyword} changed from ${before} to ${after}`;
  return [change("", `${keyword}-changed`, severityOf(widened, direction), message)];
}

export function compareDiscriminators(
  before: UnionNode,
  after: UnionNode,
  direction: Direction,
): SchemaChange[] {
  if (before.discriminator === undefined && after.discriminator === undefined) return [];
  if (before.discriminator?.property !== after.discriminator?.property) {
    const message = `discriminator changed from ${JSON.stringify(before.discriminator?.property ?? null)} to ${JSON.stringify(after.discriminator?.property ?? null)}`;
    return [change("", "discriminator-changed", "breaking", message)];
  }
  const beforeValues = (before.discriminator?.mapping ?? []).map((entry) => entry.value);
  const afterValues = (after.discriminator?.mapping ?? []).map((entry) => entry.value);
  const noun = `${after.discriminator!.property} value`;
  return compareEnumValues(beforeValues, afterValues, direction, {
    kind: "discriminator-value",
    noun,
  });
}
