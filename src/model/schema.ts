/**
 * Normalising JSON Schema objects from Swagger 2.0, OpenAPI 3.0 and 3.1 into `SchemaNode`s. Every
 * dialect difference (nullable spellings, exclusive bounds, type arrays, `type: file`) ends here.
 */
import { VendorguardError } from "../errors.js";
import type { SpecVersion } from "../spec/version.js";
import { markBesideKeys, mergeAllOf } from "./all-of.js";
import type { Location } from "./resolve.js";
import type { SchemaRegistry } from "./registry.js";
import type {
  ArrayNode,
  IntersectionNode,
  JsonValue,
  NumberNode,
  ObjectNode,
  PropertyNode,
  SchemaMeta,
  SchemaNode,
  StringNode,
  UnionNode,
} from "./types.js";

type Raw = Record<string, unknown>;

/** A warning about a schema: where it is, what is wrong, and the named schema it is in, if any. */
export interface SchemaWarning {
  /** `file#/pointer` as `DocumentSet.describe` writes it. */
  location: string;
  text: string;
  /** Key of the named schema the location is in; absent for inline request and response schemas. */
  schema?: string;
}

/**
 * Deepest inline nesting accepted. Real documents stay far below it (GitHub's component schemas
 * nest at most 9 levels); a document nested thousands of levels deep would overflow the stack.
 */
const MAX_SCHEMA_DEPTH = 128;

export class SchemaNormalizer {
  readonly #version: SpecVersion;
  readonly #registry: SchemaRegistry;
  /** Problems worth telling the user that do not stop generation. */
  readonly warnings: SchemaWarning[] = [];
  /** Nesting depth of the schema being normalised; `$ref`s start a new count. */
  #depth = 0;
  /** Key of the named schema being normalised, if any, which warnings name. */
  #schema: string | undefined;

  constructor(version: SpecVersion, registry: SchemaRegistry) {
    this.#version = version;
    this.#registry = registry;
  }

  /** Normalises the schema at `at`; `raw` is the value found there. */
  normalize(raw: unknown, at: Location): SchemaNode {
    if (raw === true || raw === undefined) return { kind: "any" };
    if (raw === false) return { kind: "never" };
    if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
      this.#warn(at, "a schema must be an object; it is treated as accepting anything.");
      return { kind: "any" };
    }
    const schema = raw as Raw;
    if (this.#depth >= MAX_SCHEMA_DEPTH) {
      throw new VendorguardError(
        "schema_too_deep",
        `${this.#registry.docs.describe(at)}: schemas nest more than ${MAX_SCHEMA_DEPTH} levels deep without a $ref. Move inner parts into named component schemas.`,
      );
    }
    this.#depth++;
    try {
      return this.#withNullable(this.#withNot(this.#normalizeObject(schema, at), schema, at), schema);
    } finally {
      this.#depth--;
    }
  }

  /** Normalises the named schema `key`, whose nesting count starts afresh. */
  normalizeNamed(raw: unknown, at: Location, key: string): SchemaNode {
    const outer = { depth: this.#depth, schema: this.#schema };
    this.#depth = 0;
    this.#schema = key;
    try {
      return this.normalize(raw, at);
    } finally {
      this.#depth = outer.depth;
      this.#schema = outer.schema;
    }
  }

  #warn(at: Location, text: string): void {
    const warning: SchemaWarning = { location: this.#registry.docs.describe(at), text };
    if (this.#schema !== undefined) warning.schema = this.#schema;
    this.warnings.push(warning);
  }

  #normalizeObject(schema: Raw, at: Location): SchemaNode {
    const dynamic = this.#normalizeDynamicRef(schema, at);
    if (dynamic) return dynamic;
    if (typeof schema.$ref === "string") {
      // OpenAPI 3.1 applies keywords beside `$ref` together with the target, as `allOf` would;
      // before 3.1 they are ignored.
      if (this.#version === "3.1" && siblingConstraints(schema, ["$ref"])) {
        const { $ref, ...siblings } = schema;
        return this.#normalizeAllOf({ ...siblings, allOf: [{ $ref }] }, at);
      }
      return { kind: "ref", target: this.#registry.refer(schema.$ref, at), ...meta(schema) };
    }
    if (Array.isArray(schema.allOf)) return this.#normalizeAllOf(schema, at);
    const union = schema.oneOf ?? schema.anyOf;
    if (Array.isArray(union)) return this.#normalizeUnion(schema, union, at);
    if (schema.const !== undefined) return { kind: "const", value: schema.const as JsonValue, ...meta(schema) };
    if (Array.isArray(schema.enum)) return this.#normalizeEnum(schema);
    return this.#normalizeTyped(schema, at);
  }

  /**
   * Normalises a `$recursiveRef` or `$dynamicRef` to a `$ref` node when its target is the same
   * wherever validation starts (see `dynamic-refs.ts`). Keywords beside it apply together with the
   * target. Returns undefined, with a warning, when it has no such target.
   */
  #normalizeDynamicRef(schema: Raw, at: Location): SchemaNode | undefined {
    const keyword = DYNAMIC_REF_KEYWORDS.find((name) => typeof schema[name] === "string");
    if (!keyword) return undefined;
    const value = schema[keyword] as string;
    const resolved = this.#registry.referDynamic(keyword, value, at);
    if ("problem" in resolved) {
      // NOTE: the other keywords of the schema still apply, but the reference itself is not checked.
      this.#warn(
        child(at, keyword),
        `${JSON.stringify(value)} is not resolved, so it accepts any value: ${resolved.problem}. Inside a oneOf that makes every value match this variant too; write a $ref to the named schema instead.`,
      );
      return undefined;
    }
    const ref: SchemaNode = { kind: "ref", target: resolved.target, ...meta(schema) };
    const base = siblingConstraints(schema, [keyword]);
    if (!base) return ref;
    const merged = mergeAllOf([ref, this.#normalizeObject(base, at)], (target) => this.#registry.nodeOf(target));
    return { ...merged, ...meta(schema) } as SchemaNode;
  }

  #normalizeTyped(schema: Raw, at: Location): SchemaNode {
    const types = typesOf(schema);
    if (types.length === 0) return this.#normalizeType(inferType(schema), schema, at);
    const withoutNull = types.filter((type) => type !== "null");
    const nodes = withoutNull.map((type) => this.#normalizeType(type, schema, at));
    const base: SchemaNode =
      nodes.length === 0
        ? { kind: "null" }
        : nodes.length === 1
          ? nodes[0]!
          : { kind: "union", variants: nodes, exclusive: false, ...meta(schema) };
    return withoutNull.length < types.length && nodes.length > 0 ? { kind: "nullable", inner: base } : base;
  }

  #normalizeType(type: string | undefined, schema: Raw, at: Location): SchemaNode {
    switch (type) {
      case "string":
        return this.#normalizeString(schema, at);
      case "file":
        return { kind: "string", binary: true, ...meta(schema) };
      case "integer":
      case "number":
        return this.#normalizeNumber(schema, type === "integer");
      case "boolean":
        return { kind: "boolean", ...meta(schema) };
      case "null":
        return { kind: "null", ...meta(schema) };
      case "array":
        return this.#normalizeArray(schema, at);
      case "object":
        return this.#normalizeObjectType(schema, at);
      default:
        return { kind: "any", ...meta(schema) };
    }
  }

  #normalizeString(schema: Raw, at: Location): StringNode {
    const node: StringNode = { kind: "string", ...meta(schema) };
    if (typeof schema.format === "string") node.format = schema.format;
    if (schema.format === "binary") node.binary = true;
    if (isCount(schema.minLength)) node.minLength = schema.minLength;
    if (isCount(schema.maxLength)) node.maxLength = schema.maxLength;
    if (typeof schema.pattern === "string") {
      if (compiles(schema.pattern)) node.pattern = schema.pattern;
      else {
        this.#warn(child(at, "pattern"), `${JSON.stringify(schema.pattern)} is not a valid ECMAScript regular expression, so it is not checked.`);
      }
    }
    return node;
  }

  #normalizeNumber(schema: Raw, integer: boolean): NumberNode {
    const node: NumberNode = { kind: "number", integer, ...meta(schema) };
    if (typeof schema.format === "string") node.format = schema.format;
    if (typeof schema.multipleOf === "number" && schema.multipleOf > 0) node.multipleOf = schema.multipleOf;
    const min = typeof schema.minimum === "number" ? schema.minimum : undefined;
    const max = typeof schema.maximum === "number" ? schema.maximum : undefined;
    // Swagger 2.0 and OpenAPI 3.0 write exclusive bounds as booleans beside minimum/maximum;
    // OpenAPI 3.1 (JSON Schema 2020-12) writes them as numbers of their own.
    if (schema.exclusiveMinimum === true && min !== undefined) node.exclusiveMinimum = min;
    else if (min !== undefined) node.minimum = min;
    if (typeof schema.exclusiveMinimum === "number") node.exclusiveMinimum = schema.exclusiveMinimum;
    if (schema.exclusiveMaximum === true && max !== undefined) node.exclusiveMaximum = max;
    else if (max !== undefined) node.maximum = max;
    if (typeof schema.exclusiveMaximum === "number") node.exclusiveMaximum = schema.exclusiveMaximum;
    return node;
  }

  #normalizeArray(schema: Raw, at: Location): ArrayNode {
    const node: ArrayNode = { kind: "array", items: { kind: "any" }, ...meta(schema) };
    // Draft-04 writes position-by-position item schemas as a list under `items`, with
    // `additionalItems` for the rest; 2020-12 (OpenAPI 3.1) writes them as `prefixItems`.
    if (Array.isArray(schema.items)) {
      node.prefixItems = this.#normalizeList(schema.items, child(at, "items"));
      node.items = this.normalize(schema.additionalItems, child(at, "additionalItems"));
    } else {
      if (Array.isArray(schema.prefixItems)) node.prefixItems = this.#normalizeList(schema.prefixItems, child(at, "prefixItems"));
      node.items = this.normalize(schema.items, child(at, "items"));
    }
    if (isCount(schema.minItems)) node.minItems = schema.minItems;
    if (isCount(schema.maxItems)) node.maxItems = schema.maxItems;
    if (schema.uniqueItems === true) node.uniqueItems = true;
    return node;
  }

  #normalizeList(list: unknown[], at: Location): SchemaNode[] {
    return list.map((item, index) => this.normalize(item, child(at, String(index))));
  }

  #normalizeObjectType(schema: Raw, at: Location): ObjectNode {
    const required = new Set(Array.isArray(schema.required) ? schema.required.filter(isString) : []);
    const properties: PropertyNode[] = [];
    const { value: declared, at: propertiesAt } = this.#registry.followMapRef(schema.properties, child(at, "properties"));
    for (const name of Object.keys(declared)) {
      const node = this.normalize(declared[name], child(propertiesAt, name));
      properties.push({ name, required: required.has(name), schema: node });
    }
    // A name listed in `required` without a property definition must be present with any value.
    for (const name of required) {
      if (!Object.hasOwn(declared, name)) properties.push({ name, required: true, schema: { kind: "any" } });
    }
    const node: ObjectNode = { kind: "object", properties, additional: this.#additional(schema, at), ...meta(schema) };
    if (isRecord(schema.patternProperties) && Object.keys(schema.patternProperties).length > 0) {
      node.patternProperties = this.#patternProperties(schema.patternProperties, child(at, "patternProperties"));
    }
    if (schema.propertyNames !== undefined) node.propertyNames = this.normalize(schema.propertyNames, child(at, "propertyNames"));
    if (isCount(schema.minProperties)) node.minProperties = schema.minProperties;
    if (isCount(schema.maxProperties)) node.maxProperties = schema.maxProperties;
    return node;
  }

  /** Normalises `patternProperties`, leaving out (with a warning) patterns ECMAScript cannot compile. */
  #patternProperties(patterns: Raw, at: Location): NonNullable<ObjectNode["patternProperties"]> {
    const result: NonNullable<ObjectNode["patternProperties"]> = [];
    for (const [pattern, value] of Object.entries(patterns)) {
      if (!compiles(pattern)) {
        this.#warn(child(at, pattern), `${JSON.stringify(pattern)} is not a valid ECMAScript regular expression, so keys are not matched against it.`);
        continue;
      }
      result.push({ pattern, schema: this.normalize(value, child(at, pattern)) });
    }
    return result;
  }

  #additional(schema: Raw, at: Location): ObjectNode["additional"] {
    const additional = schema.additionalProperties;
    if (additional === false) return "closed";
    if (additional === undefined) return "unspecified";
    if (additional === true) return "allowed";
    if (isRecord(additional) && Object.keys(additional).length === 0) return "allowed";
    return this.normalize(additional, child(at, "additionalProperties"));
  }

  #normalizeEnum(schema: Raw): SchemaNode {
    const values = (schema.enum as JsonValue[]).slice();
    // OpenAPI 3.0 allows `nullable: true` beside an enum that does not list null; null is accepted then.
    if (isNullableKeyword(schema) && !values.includes(null)) values.push(null);
    return { kind: "enum", values, ...meta(schema) };
  }

  #normalizeUnion(schema: Raw, variants: unknown[], at: Location): SchemaNode {
    const keyword = schema.oneOf !== undefined ? "oneOf" : "anyOf";
    const variantsAt = child(at, keyword);
    const nodes = variants.map((variant, index) => this.normalize(variant, child(variantsAt, String(index))));
    if (keyword === "oneOf") this.#warnIdenticalVariants(nodes, variantsAt);
    const union: UnionNode = { kind: "union", variants: nodes, exclusive: keyword === "oneOf", ...meta(schema) };
    const discriminator = this.#registry.discriminatorOf(schema, nodes, at);
    if (discriminator) union.discriminator = discriminator;
    const base = siblingConstraints(schema, [keyword, "discriminator"]);
    if (!base) return union;
    const composition: IntersectionNode = { kind: "intersection", parts: [this.#normalizeObject(base, at), union] };
    return markBesideKeys(composition, (target) => this.#registry.nodeOf(target));
  }

  /** Two equal `oneOf` variants both match every value either matches, so no such value is valid. */
  #warnIdenticalVariants(nodes: SchemaNode[], at: Location): void {
    const seen = new Map<string, number>();
    nodes.forEach((node, index) => {
      const text = JSON.stringify({ ...node, description: undefined });
      const first = seen.get(text);
      if (first === undefined) {
        seen.set(text, index);
        return;
      }
      this.#warn(
        at,
        `oneOf variants ${first} and ${index} are the same schema, so every value that matches one of them matches both and is rejected. vendorguard keeps the oneOf as the document states it; use anyOf, or remove one of them.`,
      );
    });
  }

  #normalizeAllOf(schema: Raw, at: Location): SchemaNode {
    const partsAt = child(at, "allOf");
    const parts = (schema.allOf as unknown[]).map((part, index) => this.normalize(part, child(partsAt, String(index))));
    const base = siblingConstraints(schema, ["allOf"]);
    if (base) parts.push(this.#normalizeObject(base, at));
    const merged = mergeAllOf(parts, (target) => this.#registry.nodeOf(target));
    return { ...merged, ...meta(schema) } as SchemaNode;
  }

  /**
   * Attaches a `not` to the node. Before 3.1, keywords beside `$ref` are ignored, `not` included;
   * a `$ref` node keeps its kind, so the `not` goes on an intersection holding it.
   */
  #withNot(node: SchemaNode, schema: Raw, at: Location): SchemaNode {
    if (schema.not === undefined) return node;
    if (typeof schema.$ref === "string" && this.#version !== "3.1") return node;
    const forbidden = this.normalize(schema.not, child(at, "not"));
    const not: SchemaNode = node.not ? { kind: "union", variants: [node.not, forbidden], exclusive: false } : forbidden;
    if (node.kind === "ref") return { kind: "intersection", parts: [node], not };
    return { ...node, not };
  }

  #withNullable(node: SchemaNode, schema: Raw): SchemaNode {
    if (!isNullableKeyword(schema) || node.kind === "nullable" || node.kind === "enum") return node;
    if ((node.kind === "any" && !node.not) || node.kind === "null") return node;
    return { kind: "nullable", inner: node };
  }
}

/** OpenAPI 3.0 `nullable: true` or the Swagger 2.0 extension `x-nullable: true`. */
function isNullableKeyword(schema: Raw): boolean {
  return schema.nullable === true || schema["x-nullable"] === true;
}

function typesOf(schema: Raw): string[] {
  if (typeof schema.type === "string") return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.filter(isString);
  return [];
}

/** Guesses the type of a schema written without `type` from the keywords it uses. */
function inferType(schema: Raw): string | undefined {
  if (schema.properties !== undefined || schema.additionalProperties !== undefined || schema.required !== undefined) {
    return "object";
  }
  if (schema.items !== undefined) return "array";
  if (schema.pattern !== undefined || schema.minLength !== undefined || schema.maxLength !== undefined) return "string";
  return undefined;
}

const DYNAMIC_REF_KEYWORDS = ["$recursiveRef", "$dynamicRef"] as const;

const CONSTRAINT_KEYWORDS = [
  "type", "properties", "required", "additionalProperties", "patternProperties", "propertyNames", "minProperties",
  "maxProperties", "items", "enum", "const", "oneOf", "anyOf",
];

/** Returns the keywords beside `allOf`/`oneOf`/`anyOf` that constrain the value as a schema, or undefined. */
function siblingConstraints(schema: Raw, exclude: string[]): Raw | undefined {
  const base: Raw = {};
  let constrained = false;
  for (const [key, value] of Object.entries(schema)) {
    if (exclude.includes(key)) continue;
    base[key] = value;
    if (CONSTRAINT_KEYWORDS.includes(key) && !(key === "type" && value === "object" && !schema.properties && !schema.required)) {
      constrained = true;
    }
  }
  return constrained ? base : undefined;
}

function meta(schema: Raw): SchemaMeta {
  const result: SchemaMeta = {};
  if (typeof schema.description === "string" && schema.description.length > 0) result.description = schema.description;
  else if (typeof schema.title === "string" && schema.title.length > 0) result.description = schema.title;
  if (schema.readOnly === true) result.readOnly = true;
  if (schema.writeOnly === true) result.writeOnly = true;
  if (schema.deprecated === true) result.deprecated = true;
  return result;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    try {
      new RegExp(pattern);
      return true;
    } catch {
      return false;
    }
  }
}

export function child(at: Location, token: string): Location {
  return { file: at.file, pointer: `${at.pointer}/${token.replace(/~/g, "~0").replace(/\//g, "~1")}` };
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}

function isRecord(value: unknown): value is Raw {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
