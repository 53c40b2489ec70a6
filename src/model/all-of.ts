/**
 * Merging `allOf` parts into one object schema. Zod's intersection of two strict objects rejects
 * the keys each part does not know, so object parts are merged into a single object instead, with
 * `required` taken from every part.
 */
import type { ObjectNode, PropertyNode, SchemaNode } from "./types.js";

/** Returns the normalised node of a named schema, or undefined while that schema is still being normalised. */
export type NodeLookup = (target: string) => SchemaNode | undefined;

/** Merges `allOf` parts: one object when every part is an object, otherwise an intersection. */
export function mergeAllOf(parts: SchemaNode[], lookup: NodeLookup): SchemaNode {
  const meaningful = parts.filter((part) => part.kind !== "any");
  if (meaningful.length === 0) return { kind: "any" };
  if (meaningful.length === 1) return meaningful[0]!;
  const objects = flattenToObjects(meaningful, lookup, 0);
  if (!objects) return { kind: "intersection", parts: meaningful };
  return mergeObjects(objects);
}

/** Maximum depth of `$ref` and `allOf` chains followed while flattening. */
const MAX_FLATTEN_DEPTH = 32;

function flattenToObjects(parts: SchemaNode[], lookup: NodeLookup, depth: number): ObjectNode[] | undefined {
  if (depth > MAX_FLATTEN_DEPTH) return undefined;
  const objects: ObjectNode[] = [];
  for (const part of parts) {
    if (part.kind === "object") {
      objects.push(part);
    } else if (part.kind === "ref") {
      const target = lookup(part.target);
      if (!target) return undefined;
      const nested = flattenToObjects([target], lookup, depth + 1);
      if (!nested) return undefined;
      objects.push(...nested);
    } else if (part.kind === "intersection") {
      const nested = flattenToObjects(part.parts, lookup, depth + 1);
      if (!nested) return undefined;
      objects.push(...nested);
    } else if (part.kind !== "any") {
      return undefined;
    }
  }
  return objects;
}

function mergeObjects(objects: ObjectNode[]): ObjectNode {
  const byName = new Map<string, PropertyNode>();
  for (const object of objects) {
    for (const property of object.properties) {
      const existing = byName.get(property.name);
      byName.set(property.name, existing ? mergeProperty(existing, property) : property);
    }
  }
  const merged: ObjectNode = {
    kind: "object",
    properties: [...byName.values()],
    additional: mergeAdditional(objects),
  };
  const description = objects.find((object) => object.description)?.description;
  if (description) merged.description = description;
  const minProperties = maxDefined(objects.map((object) => object.minProperties));
  if (minProperties !== undefined) merged.minProperties = minProperties;
  const maxProperties = minDefined(objects.map((object) => object.maxProperties));
  if (maxProperties !== undefined) merged.maxProperties = maxProperties;
  return merged;
}

function mergeProperty(first: PropertyNode, second: PropertyNode): PropertyNode {
  const required = first.required || second.required;
  if (second.schema.kind === "any") return { ...first, required };
  if (first.schema.kind === "any") return { ...second, required };
  if (JSON.stringify(first.schema) === JSON.stringify(second.schema)) return { ...first, required };
  return { name: first.name, required, schema: { kind: "intersection", parts: [first.schema, second.schema] } };
}

/**
 * A part with `additionalProperties: false` closes the merged object; the document's intent is
 * that no key beyond those of all parts appears. A schema for extra values is kept from the first
 * part that gives one.
 */
function mergeAdditional(objects: ObjectNode[]): ObjectNode["additional"] {
  if (objects.some((object) => object.additional === "closed")) return "closed";
  const schema = objects.find((object) => typeof object.additional === "object");
  if (schema) return schema.additional;
  return objects.some((object) => object.additional === "allowed") ? "allowed" : "unspecified";
}

function maxDefined(values: Array<number | undefined>): number | undefined {
  const defined = values.filter((value): value is number => value !== undefined);
  return defined.length > 0 ? Math.max(...defined) : undefined;
}

function minDefined(values: Array<number | undefined>): number | undefined {
  const defined = values.filter((value): value is number => value !== undefined);
  return defined.length > 0 ? Math.min(...defined) : undefined;
}
