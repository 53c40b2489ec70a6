/**
 * Writing a `SchemaNode` as a zod v4 expression that validates a response body. One function per
 * node kind; `emitZod` dispatches.
 */
import type {
  ArrayNode,
  ConstNode,
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
}

export function emitZod(node: SchemaNode, context: ZodContext): string {
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
      return node.parts.map((part) => emitZod(part, context)).reduce((left, right) => `z.intersection(${left}, ${right})`);
    case "nullable":
      return `${emitZod(node.inner, context)}.nullable()`;
  }
}

/**
 * zod builders for the string formats OpenAPI documents use. `date-time` requires an offset
 * (`Z` or `+02:00`), as RFC 3339 does; `uuid` accepts any 8-4-4-4-12 hex string without checking
 * the version or variant digits, because vendors send nil and non-RFC identifiers.
 */
const STRING_FORMATS: Record<string, string> = {
  "date-time": "z.iso.datetime({ offset: true })",
  date: "z.iso.date()",
  time: "z.iso.time()",
  uuid: "z.guid()",
  email: "z.email()",
  uri: "z.url()",
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
  if (node.multipleOf !== undefined) out += `.multipleOf(${numberLiteral(node.multipleOf)})`;
  return out;
}

function emitArray(node: ArrayNode, context: ZodContext): string {
  let out = `z.array(${emitZod(node.items, context)})`;
  if (node.minItems !== undefined) out += `.min(${node.minItems})`;
  if (node.maxItems !== undefined) out += `.max(${node.maxItems})`;
  if (node.uniqueItems) out += ".refine(hasUniqueItems, { message: \"Array items must be unique\" })";
  return out;
}

function emitObject(node: ObjectNode, context: ZodContext): string {
  const entries = node.properties.map((property) => {
    // A writeOnly property is sent by clients only; a server that returns it anyway is not an error.
    const optional = !property.required || property.schema.writeOnly === true;
    const value = emitZod(property.schema, context);
    return `${propertyKey(property.name, { inObjectLiteral: true })}: ${optional ? `${value}.optional()` : value}`;
  });
  const shape = entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  let out: string;
  if (typeof node.additional === "object") out = `z.object(${shape}).catchall(${emitZod(node.additional, context)})`;
  else if (node.additional === "allowed") out = `z.looseObject(${shape})`;
  else if (node.additional === "closed" || context.unknownKeys === "strict") out = `z.strictObject(${shape})`;
  else out = `z.object(${shape})`;
  if (node.minProperties !== undefined) {
    out += `.refine((value) => Object.keys(value).length >= ${node.minProperties}, { message: "Too few properties" })`;
  }
  if (node.maxProperties !== undefined) {
    out += `.refine((value) => Object.keys(value).length <= ${node.maxProperties}, { message: "Too many properties" })`;
  }
  // zod reads each declared key with `input[key]`, so a missing `constructor` or `toString` would
  // be found on Object.prototype. Such objects are validated on a copy without a prototype.
  if (node.properties.some((property) => property.name in Object.prototype)) {
    out = `z.preprocess(copyOwnProperties, ${out})`;
  }
  return out;
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
  // TODO: oneOf is validated like anyOf (at least one variant matches), not "exactly one".
  if (node.variants.length === 1) return emitZod(node.variants[0]!, context);
  return `z.union([${node.variants.map((variant) => emitZod(variant, context)).join(", ")}])`;
}

function isPrimitive(value: JsonValue): value is string | number | boolean | null {
  return value === null || typeof value !== "object";
}

function numberLiteral(value: number): string {
  return Number.isFinite(value) ? String(value) : "0";
}
