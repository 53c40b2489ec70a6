/**
 * Writing a `SchemaNode` as a zod v4 expression that validates a response body. One function per
 * node kind; `emitZod` dispatches.
 */
import type {
  ArrayNode,
  ConstNode,
  IntersectionNode,
  EnumNode,
  JsonValue,
  NumberNode,
  ObjectNode,
  SchemaNode,
  StringNode,
  UnionNode,
} from "../model/types.js";
import { propertyKey, stringLiteral } from "./escape.js";
import { jsonLiteral } from "./literal.js";

export interface ZodContext {
  /** `strict` rejects keys the document does not declare where it leaves objects open; `strip` drops them. */
  unknownKeys: "strict" | "strip";
  /** Expression naming the zod schema of a named schema, e.g. `PetSchema`. */
  schemaName(target: string): string;
  /** TypeScript type of a named schema as seen in responses, e.g. `T.Pet`. */
  typeName(target: string): string;
  /**
   * Closes the outermost objects of the expression although unknownKeys is strip. It is set on
   * the parts of an intersection that has a closed part: zod's intersection rejects a key only
   * when both sides reject it, and a stripping object rejects none.
   */
  closeOutermost?: boolean;
}

/** Helpers from the runtime's schema-helpers.ts that emitted expressions may call. */
export const SCHEMA_HELPERS = [
  "copyOwnProperties",
  "discriminatedUnion",
  "excluding",
  "exclusiveUnion",
  "hasUniqueItems",
  "inclusiveUnion",
  "isAbsoluteUrl",
  "isDateTime",
  "isDeepEqual",
  "isEmail",
  "isMultipleOf",
  "isTime",
  "withPatternProperties",
  "withPropertyCount",
  "withPropertyNames",
  "withProtoKey",
  "withUniqueItems",
];

export function emitZod(node: SchemaNode, context: ZodContext): string {
  const expression = emitKind(node, context);
  if (!node.not) return expression;
  // A `not` describes what is forbidden, so its objects stay open whatever unknownKeys is.
  return `excluding(${expression}, ${emitZod(node.not, { ...context, unknownKeys: "strip", closeOutermost: false })})`;
}

function emitKind(node: SchemaNode, context: ZodContext): string {
  switch (node.kind) {
    case "ref":
      return `z.lazy(() => ${context.schemaName(node.target)})`;
    case "any":
      return "z.unknown()";
    case "never":
      return "z.never()";
    case "string":
      return emitString(node);
    case "number":
      return emitNumber(node);
    case "boolean":
      return "z.boolean()";
    case "null":
      return "z.null()";
    case "array":
      return emitArray(node, context);
    case "object":
      return emitObject(node, context);
    case "enum":
      return emitEnum(node);
    case "const":
      return emitConst(node);
    case "union":
      return emitUnion(node, context);
    case "intersection":
      return emitIntersection(node, context);
    case "nullable":
      return `${emitZod(node.inner, context)}.nullable()`;
  }
}

/**
 * zod builders for the string formats OpenAPI documents use. `date-time` is RFC 3339's, with the
 * offset required. `time` is RFC 3339's `partial-time` with an optional offset. `uri` is an
 * absolute URL taken as written, because `z.url()` would trim it. `email` is an RFC 5321 mailbox
 * with a dot-atom local part and a host name (see `isEmail`). `uuid` accepts any 8-4-4-4-12 hex
 * string without checking the version or variant digits, because vendors send nil and non-RFC
 * identifiers.
 */
const STRING_FORMATS: Record<string, string> = {
  "date-time": 'z.stringFormat("date-time", isDateTime)',
  date: "z.iso.date()",
  time: 'z.stringFormat("time", isTime)',
  uuid: "z.guid()",
  email: 'z.stringFormat("email", isEmail)',
  uri: 'z.stringFormat("uri", isAbsoluteUrl)',
  ipv4: "z.ipv4()",
  ipv6: "z.ipv6()",
  byte: "z.base64()",
};

function emitString(node: StringNode): string {
  let out = (node.format !== undefined && STRING_FORMATS[node.format]) || "z.string()";
  if (node.minLength !== undefined) out += `.min(${node.minLength})`;
  if (node.maxLength !== undefined) out += `.max(${node.maxLength})`;
  if (node.pattern !== undefined) out += `.regex(${regexExpression(node.pattern)})`;
  return out;
}

/** Patterns are compiled with the `u` flag like JSON Schema validators do, or without it when they only compile that way. */
function regexExpression(pattern: string): string {
  let unicode = true;
  try {
    new RegExp(pattern, "u");
  } catch {
    unicode = false;
  }
  return `new RegExp(${stringLiteral(pattern)}${unicode ? ', "u"' : ""})`;
}

function emitNumber(node: NumberNode): string {
  let out = "z.number()";
  if (node.integer) out = node.format === "int32" ? "z.int32()" : "z.int()";
  if (node.minimum !== undefined) out += `.min(${numberLiteral(node.minimum)})`;
  if (node.exclusiveMinimum !== undefined) out += `.gt(${numberLiteral(node.exclusiveMinimum)})`;
  if (node.maximum !== undefined) out += `.max(${numberLiteral(node.maximum)})`;
  if (node.exclusiveMaximum !== undefined) out += `.lt(${numberLiteral(node.exclusiveMaximum)})`;
  if (node.multipleOf !== undefined) {
    // zod's own check is exact on safe integers, which z.int() guarantees; other numbers are
    // compared as decimals.
    const step = numberLiteral(node.multipleOf);
    out += node.integer && Number.isInteger(node.multipleOf)
      ? `.multipleOf(${step})`
      : `.refine((value) => isMultipleOf(value, ${step}), { message: "Number must be a multiple of ${step}" })`;
  }
  return out;
}

function emitIntersection(node: IntersectionNode, context: ZodContext): string {
  const hasClosedPart = node.parts.some((part) => part.kind === "object" && part.additional === "closed");
  const partContext = context.unknownKeys === "strip" && hasClosedPart ? { ...context, closeOutermost: true } : context;
  const parts = node.parts.map((part) => emitZod(part, partContext));
  return parts.reduce((left, right) => `z.intersection(${left}, ${right})`);
}

function emitArray(node: ArrayNode, outer: ZodContext): string {
  const context = nested(outer);
  let out: string;
  if (node.prefixItems) {
    // Every position is optional: JSON Schema lets an array be shorter than its prefixItems.
    const prefix = node.prefixItems.map((item) => `${emitZod(item, context)}.optional()`);
    out = `z.tuple([${prefix.join(", ")}], ${emitZod(node.items, context)})`;
    if (node.minItems !== undefined) out += `.check(z.minLength(${node.minItems}))`;
    if (node.maxItems !== undefined) out += `.check(z.maxLength(${node.maxItems}))`;
  } else {
    out = `z.array(${emitZod(node.items, context)})`;
    if (node.minItems !== undefined) out += `.min(${node.minItems})`;
    if (node.maxItems !== undefined) out += `.max(${node.maxItems})`;
  }
  return node.uniqueItems ? `withUniqueItems(${out})` : out;
}

/** Returns the context of values inside an object or array, which `closeOutermost` does not reach. */
function nested(context: ZodContext): ZodContext {
  return context.closeOutermost ? { ...context, closeOutermost: false } : context;
}

/** True when undeclared keys of this object are rejected. */
function isClosed(node: ObjectNode, context: ZodContext): boolean {
  return node.additional === "closed" || context.unknownKeys === "strict" || context.closeOutermost === true;
}

function emitObject(node: ObjectNode, outer: ZodContext): string {
  const context = nested(outer);
  const entries = node.properties.map((property) => {
    // A writeOnly property is sent by clients only; a server that returns it anyway is not an error.
    const optional = !property.required || property.schema.writeOnly === true;
    const value = emitZod(property.schema, context);
    return `${propertyKey(property.name, { inObjectLiteral: true })}: ${optional ? `${value}.optional()` : value}`;
  });
  const shape = entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  let out = node.patternProperties ? emitPatternObject(node, shape, outer) : emitPlainObject(node, shape, outer);
  if (node.propertyNames) out = `withPropertyNames(${out}, ${emitZod(node.propertyNames, context)})`;
  if (node.minProperties !== undefined || node.maxProperties !== undefined) {
    out = `withPropertyCount(${out}, ${node.minProperties ?? 0}, ${node.maxProperties ?? "Infinity"})`;
  }
  out = withProtoKeyCheck(node, out, context);
  // zod reads each declared key with `input[key]`, so a missing `constructor` or `toString` would
  // be found on Object.prototype. Such objects are validated on a copy without a prototype.
  if (node.properties.some((property) => property.name in Object.prototype)) {
    out = `z.preprocess(copyOwnProperties, ${out})`;
  }
  return out;
}

/**
 * zod skips an own `__proto__` key, declared or not, so its value is checked by `withProtoKey`
 * where JSON Schema constrains it: a declared `__proto__` property, or an `additionalProperties`
 * schema. Pattern objects check undeclared keys themselves.
 */
function withProtoKeyCheck(node: ObjectNode, out: string, context: ZodContext): string {
  const declared = node.properties.find((property) => property.name === "__proto__");
  if (declared) {
    const required = declared.required && declared.schema.writeOnly !== true;
    return `withProtoKey(${out}, () => ${emitZod(declared.schema, context)}, ${required})`;
  }
  if (typeof node.additional !== "object" || node.patternProperties) return out;
  return `withProtoKey(${out}, () => ${emitZod(node.additional, context)}, false)`;
}

function emitPlainObject(node: ObjectNode, shape: string, context: ZodContext): string {
  if (typeof node.additional === "object") return `z.object(${shape}).catchall(${emitZod(node.additional, nested(context))})`;
  if (node.additional === "allowed") return `z.looseObject(${shape})`;
  if (isClosed(node, context)) return `z.strictObject(${shape})`;
  return `z.object(${shape})`;
}

/**
 * Emits an object with `patternProperties`: zod keeps every key, then each key matching a pattern is
 * checked against its schema and the others follow `additional` and unknownKeys.
 */
function emitPatternObject(node: ObjectNode, shape: string, context: ZodContext): string {
  const declared = node.properties.map((property) => stringLiteral(property.name));
  const patterns = (node.patternProperties ?? []).map(
    ({ pattern, schema }) => `[${regexExpression(pattern)}, () => ${emitZod(schema, nested(context))}]`,
  );
  let others: string;
  if (typeof node.additional === "object") others = emitZod(node.additional, nested(context));
  else if (node.additional === "allowed") others = '"keep"';
  else if (isClosed(node, context)) others = '"reject"';
  else others = '"drop"';
  return `withPatternProperties(z.looseObject(${shape}), [${declared.join(", ")}], [${patterns.join(", ")}], ${others})`;
}

function emitEnum(node: EnumNode): string {
  const values = node.values;
  if (values.length > 0 && values.every((value) => typeof value === "string")) {
    return `z.enum([${values.map((value) => stringLiteral(value as string)).join(", ")}])`;
  }
  if (values.every(isPrimitive)) return `z.literal([${values.map(jsonLiteral).join(", ")}])`;
  return `z.unknown().refine((value) => [${values.map(jsonLiteral).join(", ")}].some((allowed) => isDeepEqual(value, allowed)), { message: "Invalid enum value" })`;
}

function emitConst(node: ConstNode): string {
  if (isPrimitive(node.value)) return `z.literal(${jsonLiteral(node.value)})`;
  return `z.unknown().refine((value) => isDeepEqual(value, ${jsonLiteral(node.value)}), { message: "Invalid constant value" })`;
}

function emitUnion(node: UnionNode, context: ZodContext): string {
  if (node.discriminator) {
    const types = [...new Set(node.discriminator.mapping.map((entry) => context.typeName(entry.target)))];
    const branches = node.discriminator.mapping.map(
      (entry) => `${stringLiteral(entry.value)}: () => ${context.schemaName(entry.target)}`,
    );
    return `discriminatedUnion<${types.join(" | ")}>(${stringLiteral(node.discriminator.property)}, { ${branches.join(", ")} })`;
  }
  if (node.variants.length === 1) return emitZod(node.variants[0]!, context);
  const variants = node.variants.map((variant) => emitZod(variant, context)).join(", ");
  const besideKeys = node.besideKeys?.length ? `, [${node.besideKeys.map(stringLiteral).join(", ")}]` : "";
  if (node.exclusive) return `exclusiveUnion([${variants}]${besideKeys})`;
  return besideKeys ? `inclusiveUnion([${variants}]${besideKeys})` : `z.union([${variants}])`;
}

function isPrimitive(value: JsonValue): value is string | number | boolean | null {
  return value === null || typeof value !== "object";
}

function numberLiteral(value: number): string {
  return Number.isFinite(value) ? String(value) : "0";
}
