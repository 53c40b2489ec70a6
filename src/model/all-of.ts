/**
 * Merging `allOf` parts into one object schema. Zod's intersection of two strict objects rejects
 * the keys each part does not know, so object parts are merged into a single object instead, with
 * `required` taken from every part.
 */
import type { IntersectionNode, ObjectNode, PropertyNode, SchemaNode } from "./types.js";

/** Returns the normalised node of a named schema, or undefined while that schema is still being normalised. */
export type NodeLookup = (target: string) => SchemaNode | undefined;

/**
 * Merges `allOf` parts. The parts that flatten to objects become one object; when others remain
 * (unions, scalars, nullable objects), the result is an intersection of that object and them.
 * `expanding` lists the named schemas whose properties are being merged further out, so a
 * recursive schema is not expanded into itself.
 *
 * NOTE: a `$ref` in `expanding` stays an intersection part even where expanding it again would
 * end, so below it each declaration closes on its own (the README states this).
 */
export function mergeAllOf(parts: SchemaNode[], lookup: NodeLookup, expanding: ReadonlySet<string> = new Set()): SchemaNode {
  const meaningful = parts.filter((part) => part.kind !== "any" || part.not);
  if (meaningful.length === 0) return { kind: "any" };
  if (meaningful.length === 1) return meaningful[0]!;
  const expanded = new Set(expanding);
  const flattened = meaningful.map((part) => ({ part, objects: flattenToObjects([part], lookup, 0, expanding, expanded) }));
  const objectParts = flattened.filter((entry) => entry.objects !== undefined);
  if (objectParts.length < 2) return markBesideKeys({ kind: "intersection", parts: meaningful }, lookup);
  const objects = objectParts.flatMap((entry) => entry.objects!);
  const merged = withNots(mergeObjects(objects, lookup, expanded), objects);
  const others = flattened.filter((entry) => entry.objects === undefined).map((entry) => entry.part);
  if (others.length === 0) return merged;
  return markBesideKeys({ kind: "intersection", parts: [merged, ...others] }, lookup);
}

/**
 * Keeps every part's `not` on the merged object: a value must match none of them, which is
 * `not` of their `anyOf`.
 */
function withNots(merged: ObjectNode, parts: SchemaNode[]): SchemaNode {
  const nots = parts.flatMap((part) => (part.not ? [part.not] : []));
  if (nots.length === 0) return merged;
  return { ...merged, not: nots.length === 1 ? nots[0]! : { kind: "union", variants: nots, exclusive: false } };
}

/**
 * Gives each union part of an intersection the keys its object parts declare (`besideKeys`), so
 * strict mode lets a variant carry them. Parts that do not flatten to objects add no keys.
 */
export function markBesideKeys(node: IntersectionNode, lookup: NodeLookup): IntersectionNode {
  const keysOf = node.parts.map((part) => (part.kind === "union" ? [] : declaredKeys(part, lookup)));
  const parts = node.parts.map((part, index) => {
    if (part.kind !== "union" || part.discriminator) return part;
    const besideKeys = [...new Set(keysOf.filter((_, other) => other !== index).flat())];
    return besideKeys.length > 0 ? { ...part, besideKeys } : part;
  });
  return { ...node, parts };
}

function declaredKeys(part: SchemaNode, lookup: NodeLookup): string[] {
  const objects = flattenToObjects([part], lookup, 0, new Set(), new Set()) ?? [];
  return objects.flatMap((object) => object.properties.map((property) => property.name));
}

/** Maximum depth of `$ref` and `allOf` chains followed while flattening. */
const MAX_FLATTEN_DEPTH = 32;

/**
 * Returns the objects a part consists of, following `$ref`s and intersections, or undefined when
 * it is not made of objects only. A `$ref` to a schema in `excluded` is not followed; every `$ref`
 * followed is added to `followed`.
 */
function flattenToObjects(
  parts: SchemaNode[],
  lookup: NodeLookup,
  depth: number,
  excluded: ReadonlySet<string>,
  followed: Set<string>,
): ObjectNode[] | undefined {
  if (depth > MAX_FLATTEN_DEPTH) return undefined;
  const objects: ObjectNode[] = [];
  for (const part of parts) {
    // A part's `not` travels on an object of its own, which adds no properties to the merge.
    if (part.not && part.kind !== "object") objects.push({ kind: "object", properties: [], additional: "unspecified", not: part.not });
    if (part.kind === "object") {
      objects.push(part);
    } else if (part.kind === "ref") {
      const target = excluded.has(part.target) ? undefined : lookup(part.target);
      if (!target) return undefined;
      followed.add(part.target);
      const nested = flattenToObjects([target], lookup, depth + 1, excluded, followed);
      if (!nested) return undefined;
      objects.push(...nested);
    } else if (part.kind === "intersection") {
      const nested = flattenToObjects(part.parts, lookup, depth + 1, excluded, followed);
      if (!nested) return undefined;
      objects.push(...nested);
    } else if (part.kind !== "any") {
      return undefined;
    }
  }
  return objects;
}

function mergeObjects(objects: ObjectNode[], lookup: NodeLookup, expanding: ReadonlySet<string>): ObjectNode {
  const declarations = new Map<string, PropertyNode[]>();
  for (const object of objects) {
    for (const property of object.properties) {
      const list = declarations.get(property.name);
      if (list) list.push(property);
      else declarations.set(property.name, [property]);
    }
  }
  const merged: ObjectNode = {
    kind: "object",
    properties: [...declarations.values()].map((list) => mergeDeclarations(list, lookup, expanding)),
    additional: mergeAdditional(objects),
  };
  const description = objects.find((object) => object.description)?.description;
  if (description) merged.description = description;
  const minProperties = maxDefined(objects.map((object) => object.minProperties));
  if (minProperties !== undefined) merged.minProperties = minProperties;
  const maxProperties = minDefined(objects.map((object) => object.maxProperties));
  if (maxProperties !== undefined) merged.maxProperties = maxProperties;
  const patternProperties = objects.flatMap((object) => object.patternProperties ?? []);
  if (patternProperties.length > 0) merged.patternProperties = patternProperties;
  const propertyNames = objects.flatMap((object) => (object.propertyNames ? [object.propertyNames] : []));
  if (propertyNames.length === 1) merged.propertyNames = propertyNames[0]!;
  if (propertyNames.length > 1) merged.propertyNames = { kind: "intersection", parts: propertyNames };
  return merged;
}

/**
 * Merges the declarations of one property by several parts: the value must satisfy each, so they
 * are merged like `allOf` parts. Declared objects thereby become one object at every depth, and
 * strict mode closes it over the keys any declaration gives it.
 */
function mergeDeclarations(list: PropertyNode[], lookup: NodeLookup, expanding: ReadonlySet<string>): PropertyNode {
  const first = list[0]!;
  if (list.length === 1) return first;
  const required = list.some((property) => property.required);
  const schemas: SchemaNode[] = [];
  const seen = new Set<string>();
  for (const { schema } of list) {
    const text = JSON.stringify(schema);
    if ((schema.kind === "any" && !schema.not) || seen.has(text)) continue;
    seen.add(text);
    schemas.push(schema);
  }
  if (schemas.length === 0) return { ...first, required };
  if (schemas.length === 1) return { name: first.name, required, schema: schemas[0]! };
  return { name: first.name, required, schema: mergeAllOf(schemas, lookup, expanding) };
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
