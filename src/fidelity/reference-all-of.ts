/**
 * The README's merge rule for a property that several `allOf` parts declare, as the reference
 * reads it from the raw document: the declarations are merged like `allOf` parts themselves, so
 * strict mode closes the property over the keys any declaration gives it, at every depth. Only
 * object parts take part in the merge. A part that is a union, a scalar, an array, an enum or a
 * nullable object keeps its declarations to itself.
 */
import type { DocumentSet, Location } from "../model/resolve.js";
import type { SpecVersion } from "../spec/version.js";
import type { ReferenceDynamicRefs } from "./reference-dynamic-refs.js";

type JsonObject = Record<string, unknown>;

/** A raw schema and where it sits, so `$ref`s inside it resolve against its file. */
export interface Located {
  raw: unknown;
  at: Location;
}

/**
 * Classification of a part by what it contributes to a merge: `trivial` accepts any value and declares nothing, `object`
 * is made of object schemas only, `other` is anything else.
 */
export type PartKind = "trivial" | "object" | "other";

/** Merge plan of an `allOf`: each shared property's declarations, and which parts are objects. */
export interface MergePlan {
  /** For each part, whether its declarations take part in the merge. */
  objectParts: boolean[];
  /** Declarations of every property declared by at least two object parts, by name. */
  shared: Map<string, Located[]>;
}

/** Deepest chain of `$ref`s and nested `allOf`s followed, as `src/model/all-of.ts` does. */
const MAX_DEPTH = 32;

/** Keywords that make a schema without `type` an object, or an array or a string (README). */
const OBJECT_HINTS = ["properties", "additionalProperties", "required"];
const OTHER_HINTS = ["items", "pattern", "minLength", "maxLength"];

export class ReferenceParts {
  readonly #docs: DocumentSet;
  readonly #version: SpecVersion;
  readonly #dynamicRefs: ReferenceDynamicRefs;
  /** Kinds found so far, by raw schema; a YAML alias shares one object between places. */
  readonly #kinds = new WeakMap<object, PartKind>();

  constructor(docs: DocumentSet, version: SpecVersion, dynamicRefs: ReferenceDynamicRefs) {
    this.#docs = docs;
    this.#version = version;
    this.#dynamicRefs = dynamicRefs;
  }

  /**
   * Plans the merge of `parts`, leaving out the names in `mergedFurtherOut`, which an enclosing
   * `allOf` merges already.
   */
  plan(parts: Located[], mergedFurtherOut: readonly string[]): MergePlan {
    const objectParts = parts.map((part) => this.kindOf(part.raw, part.at, 0) === "object");
    const declarations = new Map<string, Located[]>();
    parts.forEach((part, index) => {
      if (!objectParts[index]) return;
      for (const [name, list] of this.#declarations(part.raw, part.at, 0)) {
        declarations.set(name, [...(declarations.get(name) ?? []), ...list]);
      }
    });
    const shared = new Map<string, Located[]>();
    for (const [name, list] of declarations) {
      if (mergedFurtherOut.includes(name)) continue;
      const meaningful = list.filter((item) => this.kindOf(item.raw, item.at, 0) !== "trivial");
      if (meaningful.length >= 2) shared.set(name, meaningful);
    }
    return { objectParts, shared };
  }

  /**
   * Classifies a raw schema by what it contributes to a merge.
   *
   * NOTE: the model cannot flatten a `$ref` to a schema it is still normalising (a part that
   * refers back to the schema around it), so there that part is no object part; here it is.
   */
  kindOf(raw: unknown, at: Location, depth: number): PartKind {
    if (raw === false || depth > MAX_DEPTH) return "other";
    if (!isRecord(raw)) return "trivial";
    const known = this.#kinds.get(raw);
    if (known) return known;
    const inner = this.#kindWithoutNullable(raw, at, depth);
    // `nullable` makes an object schema "object or null", which is no object part.
    const nullable = raw.nullable === true || raw["x-nullable"] === true;
    const kind = nullable && inner !== "trivial" ? "other" : inner;
    this.#kinds.set(raw, kind);
    return kind;
  }

  #kindWithoutNullable(raw: JsonObject, at: Location, depth: number): PartKind {
    const parts = this.#composedParts(raw, at);
    if (parts) return combine(parts.map((part) => this.kindOf(part.raw, part.at, depth + 1)));
    if (Array.isArray(raw.oneOf) || Array.isArray(raw.anyOf)) return "other";
    if (raw.const !== undefined || Array.isArray(raw.enum)) return "other";
    const types =
      typeof raw.type === "string" ? [raw.type] : Array.isArray(raw.type) ? raw.type : [];
    if (types.length > 0) return types.length === 1 && types[0] === "object" ? "object" : "other";
    if (OBJECT_HINTS.some((keyword) => raw[keyword] !== undefined)) return "object";
    if (OTHER_HINTS.some((keyword) => raw[keyword] !== undefined)) return "other";
    // A schema that accepts any value but carries a `not` still constrains objects in a merge.
    return raw.not !== undefined ? "object" : "trivial";
  }

  /**
   * Returns the parts a schema is made of when it is a composition: its `allOf` items with its
   * other keywords, a `$ref` or dynamic reference with the keywords beside it, or its target.
   * Returns undefined for a schema that is none of these.
   */
  #composedParts(raw: JsonObject, at: Location): Located[] | undefined {
    const { $ref, allOf } = raw;
    const dynamicTarget = this.#dynamicRefs.targetOf(raw, at);
    const own = ownPart(raw, at);
    const siblings: Located[] = own ? [own] : [];
    if (dynamicTarget)
      return [{ raw: this.#docs.find(dynamicTarget), at: dynamicTarget }, ...siblings];
    if (typeof $ref === "string") {
      const target = this.#docs.locate($ref, at);
      const followed = { raw: this.#docs.find(target), at: target };
      // Before 3.1, keywords beside `$ref` are ignored.
      return this.#version === "3.1" ? [followed, ...siblings] : [followed];
    }
    if (!Array.isArray(allOf)) return undefined;
    const items = allOf.map((item, index) => ({
      raw: item,
      at: child(child(at, "allOf"), String(index)),
    }));
    return [...items, ...siblings];
  }

  /** The property declarations of an object part, through `$ref`s and nested `allOf`s. */
  #declarations(raw: unknown, at: Location, depth: number): Map<string, Located[]> {
    const found = new Map<string, Located[]>();
    if (!isRecord(raw) || depth > MAX_DEPTH) return found;
    const add = (more: Map<string, Located[]>) => {
      for (const [name, list] of more) found.set(name, [...(found.get(name) ?? []), ...list]);
    };
    const parts = this.#composedParts(raw, at);
    if (!parts) return this.#ownDeclarations(raw, at);
    // The keywords beside a composition are one of its parts, which contains its own `properties`.
    for (const part of parts) add(this.#declarations(part.raw, part.at, depth + 1));
    return found;
  }

  /** The schema's own `properties`, following a `$ref` written in place of the whole map. */
  #ownDeclarations(raw: unknown, at: Location): Map<string, Located[]> {
    const found = new Map<string, Located[]>();
    if (!isRecord(raw)) return found;
    const map = followMapRef(this.#docs, raw.properties, child(at, "properties"));
    if (!map) return found;
    const { value: properties, at: location } = map;
    for (const name of Object.keys(properties))
      found.set(name, [{ raw: properties[name], at: child(location, name) }]);
    return found;
  }
}

/**
 * Returns the keywords of a schema other than `allOf`, `$ref` and dynamic references as a part of
 * its composition, or undefined when they do not constrain the value.
 */
export function ownPart(schema: JsonObject, at: Location): Located | undefined {
  const { $ref, allOf, $recursiveRef, $dynamicRef, ...rest } = schema;
  return hasConstraints(rest) ? { raw: rest, at } : undefined;
}

/** Follows a `$ref` written in place of a whole map such as `properties`. */
export function followMapRef(
  docs: DocumentSet,
  raw: unknown,
  at: Location,
): { value: JsonObject; at: Location } | undefined {
  let current = raw;
  let location = at;
  for (let depth = 0; depth < 8 && isRecord(current) && typeof current.$ref === "string"; depth++) {
    location = docs.locate(current.$ref, location);
    current = docs.find(location);
  }
  return isRecord(current) ? { value: current, at: location } : undefined;
}

/** Combines the kinds of a composition's parts: `other` if any is, else `object` if any is. */
function combine(kinds: PartKind[]): PartKind {
  if (kinds.includes("other")) return "other";
  return kinds.includes("object") ? "object" : "trivial";
}

/** Keywords that only describe a schema and never change what it accepts. */
export const ANNOTATION_KEYWORDS = new Set([
  "$ref",
  "description",
  "title",
  "summary",
  "example",
  "examples",
  "default",
  "deprecated",
  "readOnly",
  "writeOnly",
  "nullable",
  "x-nullable",
  "externalDocs",
  "xml",
  "$comment",
  "$id",
  "$anchor",
  "$dynamicAnchor",
  "$recursiveAnchor",
  "$schema",
  "$defs",
  "discriminator",
]);

function hasConstraints(schema: JsonObject): boolean {
  return Object.keys(schema).some((key) => !ANNOTATION_KEYWORDS.has(key) && !key.startsWith("x-"));
}

function child(at: Location, token: string): Location {
  return {
    file: at.file,
    pointer: `${at.pointer}/${token.replace(/~/g, "~0").replace(/\//g, "~1")}`,
  };
}

function isRecord(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
