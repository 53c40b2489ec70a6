/**
 * Writing a `SchemaNode` as a TypeScript type. In the response context the type matches what the
 * zod schema from `emitZod` outputs, so `z.ZodType<T>` annotations hold; the request context
 * describes what callers send (readOnly optional, binary as Blob).
 */
import type { ArrayNode, ObjectNode, PropertyNode, SchemaNode } from "../model/types.js";
import { docComment, propertyKey } from "./escape.js";
import { jsonLiteralType } from "./literal.js";

export interface TypeContext {
  side: "response" | "request";
  /** Type name of a named schema on this side, e.g. `Pet` or `PetInput`. */
  typeName(target: string): string;
  /** Writes property descriptions as JSDoc. */
  withDocs: boolean;
}

export function emitType(node: SchemaNode, context: TypeContext): string {
  switch (node.kind) {
    case "ref":
      return context.typeName(node.target);
    case "any":
      return "unknown";
    case "never":
      return "never";
    case "string":
      return node.binary && context.side === "request" ? "Blob" : "string";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    case "null":
      return "null";
    case "array":
      return emitArrayType(node, context);
    case "object":
      return emitObjectType(node, context);
    case "enum":
      return node.values.length === 0 ? "never" : unique(node.values.map(jsonLiteralType)).join(" | ");
    case "const":
      return jsonLiteralType(node.value);
    case "union":
      return emitUnionType(node.discriminator ? node.discriminator.mapping.map((entry) => ({ kind: "ref", target: entry.target }) as SchemaNode) : node.variants, context);
    case "intersection":
      return node.parts.map((part) => `(${emitType(part, context)})`).join(" & ");
    case "nullable":
      return `(${emitType(node.inner, context)}) | null`;
  }
}

/** `Array<T>`, or a tuple with optional leading positions when the schema has `prefixItems`. */
function emitArrayType(node: ArrayNode, context: TypeContext): string {
  const rest = emitType(node.items, context);
  if (!node.prefixItems) return `Array<${rest}>`;
  const prefix = node.prefixItems.map((item) => `(${emitType(item, context)})?`);
  return `[${[...prefix, `...Array<${rest}>`].join(", ")}]`;
}

function emitUnionType(variants: SchemaNode[], context: TypeContext): string {
  const types = unique(variants.map((variant) => emitType(variant, context)));
  if (types.length === 0) return "never";
  return types.map((type) => `(${type})`).join(" | ");
}

function emitObjectType(node: ObjectNode, context: TypeContext): string {
  const members = node.properties.map((property) => emitProperty(property, context));
  // Keys matching `patternProperties` are kept, whatever `additional` sets for the others.
  const openKeys = node.additional === "allowed" || node.patternProperties !== undefined;
  if (openKeys) members.push("[key: string]: unknown;");
  const body = members.length === 0 ? "" : `\n${members.join("\n")}\n`;
  if (typeof node.additional === "object") {
    const extra = `{ [key: string]: ${emitType(node.additional, context)} }`;
    return members.length === 0 ? extra : `{${body}} & ${extra}`;
  }
  if (members.length === 0 && !openKeys) {
    return context.side === "response" ? "{ [key: string]: never }" : "{ [key: string]: unknown }";
  }
  return `{${body}}`;
}

function emitProperty(property: PropertyNode, context: TypeContext): string {
  const schema = property.schema;
  // Each side may leave out what only the other side sends.
  const optional =
    !property.required || (context.side === "response" ? schema.writeOnly === true : schema.readOnly === true);
  const doc = context.withDocs ? docComment(schema.description) : "";
  const key = propertyKey(property.name, { inObjectLiteral: false });
  const type = emitType(schema, context);
  return `${doc}${key}${optional ? "?" : ""}: ${optional ? `(${type}) | undefined` : type};`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
