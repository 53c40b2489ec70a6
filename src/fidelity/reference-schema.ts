/**
 * Turning a document's schemas into one JSON Schema 2020-12 bundle that ajv validates with, so
 * the zod schemas vendorguard emits can be compared with a reference. The conversion follows
 * OpenAPI and the README's "How responses are validated", not vendorguard's model: it reads the
 * raw document again and shares no code with `src/model/schema.ts`.
 */
import type { DocumentSet, Location } from "../model/resolve.js";
import { locationKey } from "../model/resolve.js";
import type { SpecVersion } from "../spec/version.js";
import {
  ANNOTATION_KEYWORDS,
  followMapRef,
  type Located,
  type MergePlan,
  ownPart,
  ReferenceParts,
} from "./reference-all-of.js";
import { define } from "./instances.js";
import { ReferenceDynamicRefs } from "./reference-dynamic-refs.js";
import { REFERENCE_FORMATS } from "./reference-formats.js";

export type JsonObject = { [key: string]: unknown };

/** Where a schema sits, which decides whether strict closing applies to it. */
type Position =
  /** A value of its own: the root, a property, an item, an extra value, a union variant. */
  | "value"
  /** An `allOf` part: the object it describes is closed by the `allOf` around it. */
  | "part";

interface Scope {
  position: Position;
  /** False inside `not`, whose inline objects stay open whatever the mode. */
  close: boolean;
  /**
   * Keys that other parts of the surrounding composition declare (strict reference only). A
   * union variant there may carry them besides its own keys.
   */
  siblingKeys?: string[];
  /**
   * Set on `allOf` parts: their own `additionalProperties` is left out, because the README's merge
   * rule applies it to the whole composition instead (see `#liftAdditional`).
   */
  withoutAdditional?: boolean;
  /**
   * Set on the object parts of an `allOf`: properties that several parts declare, which the
   * `allOf` validates as one merged schema (see `reference-all-of.ts`). A part declares them
   * with any value.
   */
  mergedKeys?: string[];
}

/** Returns the scope of a value of its own inside `scope`: closing continues, sibling keys stop. */
function valueScope(scope: Scope): Scope {
  return { position: "value", close: scope.close };
}

/** Keywords whose value is one subschema, converted in place. */
const SUBSCHEMA_KEYWORDS = ["propertyNames", "contains", "if", "then", "else", "unevaluatedItems"];

/** Keywords copied unchanged: they have the same meaning in every dialect vendorguard reads. */
const COPIED_KEYWORDS = [
  "enum",
  "const",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minProperties",
  "maxProperties",
  "minContains",
  "maxContains",
  "dependentRequired",
];

const SAFE_INTEGER_MAX = Number.MAX_SAFE_INTEGER;
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * Builds reference schemas for one document. `closed` is the `unknownKeys: strict` reference: every
 * object the document leaves open gets `unevaluatedProperties: false`, which, unlike
 * `additionalProperties: false`, also counts the keys that `allOf` parts declare as declared.
 */
export class ReferenceConverter {
  readonly #docs: DocumentSet;
  readonly #version: SpecVersion;
  readonly #closed: boolean;
  readonly #defs: Record<string, JsonObject> = {};
  readonly #names = new Map<string, string>();
  readonly #pending: Array<{ name: string; location: Location; scope: Scope }> = [];
  readonly #dynamicRefs: ReferenceDynamicRefs;
  readonly #parts: ReferenceParts;

  constructor(docs: DocumentSet, version: SpecVersion, closed: boolean) {
    this.#docs = docs;
    this.#dynamicRefs = new ReferenceDynamicRefs(docs);
    this.#parts = new ReferenceParts(docs, version, this.#dynamicRefs);
    this.#version = version;
    this.#closed = closed;
  }

  /** Returns the `$defs` name of the schema at `location` as a value of its own, converting it. */
  defineNamed(location: Location): string {
    const name = this.#defName(location, { position: "value", close: this.#closed });
    this.#drain();
    return name;
  }

  /** Returns the bundle with every schema converted so far, under `$defs`. */
  bundle(id: string): JsonObject {
    this.#drain();
    return { $id: id, $defs: this.#defs };
  }

  /**
   * Returns the `$defs` name of the schema at `location` converted in `requested`'s position. A
   * `$ref` inside `not` names the same definition as elsewhere, as the generated code does.
   */
  #defName(location: Location, requested: Scope): string {
    // Without closing, a part and a value convert alike, so one definition serves both.
    const scope: Scope = this.#closed
      ? { position: requested.position, close: true }
      : { position: "value", close: false };
    if (this.#closed && requested.position === "part" && requested.siblingKeys?.length) {
      scope.siblingKeys = [...new Set(requested.siblingKeys)].sort();
    }
    if (requested.withoutAdditional) scope.withoutAdditional = true;
    if (requested.mergedKeys?.length) scope.mergedKeys = [...new Set(requested.mergedKeys)].sort();
    const variant = [
      scope.position,
      scope.withoutAdditional ? "-" : "+",
      scope.siblingKeys?.join(","),
      scope.mergedKeys?.join(","),
    ];
    const key = `${variant.join(" ")} ${locationKey(location)}`;
    const known = this.#names.get(key);
    if (known !== undefined) return known;
    const name = `s${this.#names.size}`;
    this.#names.set(key, name);
    this.#defs[name] = {};
    this.#pending.push({ name, location, scope });
    return name;
  }

  #drain(): void {
    while (this.#pending.length > 0) {
      const { name, location, scope } = this.#pending.pop()!;
      // A JSON response without a schema accepts anything; buildModel has already rejected
      // every `$ref` that points to nothing.
      const raw = this.#docs.find(location) ?? true;
      this.#defs[name] = this.#convert(raw, location, scope);
    }
  }

  #refTo(ref: string, at: Location, scope: Scope): JsonObject {
    const target = this.#docs.locate(ref, at);
    return { $ref: `#/$defs/${this.#defName(target, scope)}` };
  }

  #convert(raw: unknown, at: Location, scope: Scope): JsonObject {
    if (raw === false) return { not: {} };
    if (raw === true) return {};
    if (!isRecord(raw)) return {};
    const converted = this.#convertNonNull(raw, at, scope);
    // OpenAPI 3.0 `nullable` and Swagger's `x-nullable` mean "this schema or null", also beside a
    // `$ref` and in 3.1 documents that carry them over, as the README documents.
    if (raw.nullable === true || raw["x-nullable"] === true)
      return { anyOf: [{ type: "null" }, converted] };
    return converted;
  }

  #convertNonNull(schema: JsonObject, at: Location, scope: Scope): JsonObject {
    const dynamicTarget = this.#dynamicRefs.targetOf(schema, at);
    if (dynamicTarget) return this.#convertDynamicRef(schema, at, dynamicTarget, scope);
    if (typeof schema.$ref !== "string")
      return this.#close(this.#convertKeywords(schema, at, scope), schema, scope);
    // Before 3.1, keywords beside `$ref` are ignored. 3.1 applies them together with the target,
    // as an `allOf` of the two would.
    const siblings = this.#version === "3.1" ? constrainingSiblings(schema) : undefined;
    if (!siblings) return this.#refTo(schema.$ref, at, scope);
    const target: Located = { raw: { $ref: schema.$ref }, at };
    return this.#close(this.#convertKeywords(siblings, at, scope, [target]), siblings, scope);
  }

  /**
   * A `$recursiveRef` or `$dynamicRef` with a fixed target is a `$ref` to it, and keywords beside
   * it apply together with the target, as beside a 3.1 `$ref`. One without a fixed target is left
   * out, so the schema accepts what its other keywords accept.
   */
  #convertDynamicRef(schema: JsonObject, at: Location, target: Location, scope: Scope): JsonObject {
    const rest = Object.fromEntries(
      Object.entries(schema).filter(([key]) => key !== "$recursiveRef" && key !== "$dynamicRef"),
    );
    const siblings = constrainingSiblings(rest);
    if (!siblings) return { $ref: `#/$defs/${this.#defName(target, scope)}` };
    // A `$ref` written in the target's file names the target from there.
    const part: Located = {
      raw: { $ref: `#${target.pointer.replace(/%/g, "%25")}` },
      at: { file: target.file, pointer: "" },
    };
    return this.#close(this.#convertKeywords(siblings, at, scope, [part]), siblings, scope);
  }

  /** Adds `unevaluatedProperties: false` where the strict reference closes an open object. */
  #close(converted: JsonObject, raw: JsonObject, scope: Scope): JsonObject {
    if (!this.#closed || !scope.close || scope.position !== "value") return converted;
    if (raw.additionalProperties !== undefined || converted.unevaluatedProperties !== undefined)
      return converted;
    if (!isObjectSchema(converted)) return converted;
    return { ...converted, unevaluatedProperties: false };
  }

  /**
   * Converts the keywords of one schema. `extraParts` are schemas it is composed with besides its
   * `allOf` items: the target of a `$ref` or dynamic reference written beside other keywords.
   */
  #convertKeywords(
    schema: JsonObject,
    at: Location,
    scope: Scope,
    extraParts: Located[] = [],
  ): JsonObject {
    const out: JsonObject = {};
    const allOf = Array.isArray(schema.allOf) ? schema.allOf : [];
    const parts = [
      ...extraParts,
      ...allOf.map((raw, index) => ({ raw, at: child(child(at, "allOf"), String(index)) })),
    ];
    const own = ownPart(schema, at);
    const plan =
      parts.length === 0
        ? { objectParts: [], shared: new Map() }
        : this.#parts.plan(own ? [...parts, own] : parts, scope.mergedKeys ?? []);
    const ownMerged = own !== undefined && plan.objectParts[parts.length] === true;
    const skipped = [...(scope.mergedKeys ?? []), ...(ownMerged ? plan.shared.keys() : [])];
    this.#convertType(schema, out);
    for (const keyword of COPIED_KEYWORDS)
      if (schema[keyword] !== undefined) out[keyword] = schema[keyword];
    this.#convertNumberKeywords(schema, out);
    this.#convertStringKeywords(schema, out);
    this.#convertObjectKeywords(schema, at, scope, out, skipped);
    this.#convertArrayKeywords(schema, at, scope, out);
    this.#convertComposition(schema, at, scope, out, parts, plan);
    for (const keyword of SUBSCHEMA_KEYWORDS) {
      if (schema[keyword] !== undefined)
        out[keyword] = this.#convert(schema[keyword], child(at, keyword), valueScope(scope));
    }
    if (schema.not !== undefined)
      out.not = this.#convert(schema.not, child(at, "not"), { position: "value", close: false });
    return checkingProtoProperty(out);
  }

  #convertType(schema: JsonObject, out: JsonObject): void {
    if (isTypeLabel(schema)) return;
    const types =
      typeof schema.type === "string"
        ? [schema.type]
        : Array.isArray(schema.type)
          ? schema.type.filter(isString)
          : [];
    // Swagger 2.0 `type: file` is a file upload; as a value it can only be a string.
    const mapped = [...new Set(types.map((type) => (type === "file" ? "string" : type)))];
    if (mapped.length === 0) {
      const inferred = inferType(schema);
      if (inferred) out.type = inferred;
    } else {
      out.type = mapped.length === 1 ? mapped[0] : mapped;
    }
    const all =
      typeof out.type === "string" ? [out.type] : ((out.type as string[] | undefined) ?? []);
    // The README's integer rule: a whole number beyond 2^53 - 1 has lost precision in JSON.parse.
    if (all.includes("integer") && !all.includes("number")) {
      out["x-vg-integer-range"] =
        schema.format === "int32" ? [INT32_MIN, INT32_MAX] : [-SAFE_INTEGER_MAX, SAFE_INTEGER_MAX];
    }
  }

  #convertNumberKeywords(schema: JsonObject, out: JsonObject): void {
    const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema;
    if (typeof minimum === "number") {
      if (exclusiveMinimum === true) out.exclusiveMinimum = minimum;
      else out.minimum = minimum;
    }
    if (typeof maximum === "number") {
      if (exclusiveMaximum === true) out.exclusiveMaximum = maximum;
      else out.maximum = maximum;
    }
    if (typeof exclusiveMinimum === "number") out.exclusiveMinimum = exclusiveMinimum;
    if (typeof exclusiveMaximum === "number") out.exclusiveMaximum = exclusiveMaximum;
    // Decimal, not binary floating point: 0.3 is a multiple of 0.1 as JSON writes them.
    if (typeof multipleOf === "number" && multipleOf > 0) out["x-vg-multiple-of"] = multipleOf;
  }

  #convertStringKeywords(schema: JsonObject, out: JsonObject): void {
    if (typeof schema.format === "string" && Object.hasOwn(REFERENCE_FORMATS, schema.format))
      out.format = schema.format;
    if (typeof schema.pattern !== "string") return;
    if (compiles(schema.pattern, "u")) out.pattern = schema.pattern;
    // A pattern that is not valid with the `u` flag is read as a legacy ECMAScript regex, as
    // written in the README; one that compiles in neither way is not checked.
    else if (compiles(schema.pattern, "")) out["x-vg-legacy-pattern"] = schema.pattern;
  }

  /** Converts the object keywords. A property in `merged` is declared with any value. */
  #convertObjectKeywords(
    schema: JsonObject,
    at: Location,
    scope: Scope,
    out: JsonObject,
    merged: readonly string[],
  ): void {
    const value = valueScope(scope);
    const properties = followMapRef(this.#docs, schema.properties, child(at, "properties"));
    if (properties) {
      const converted: JsonObject = {};
      for (const name of Object.keys(properties.value)) {
        const property = merged.includes(name)
          ? {}
          : this.#convert(properties.value[name], child(properties.at, name), value);
        define(converted, name, property);
      }
      out.properties = converted;
    }
    if (Array.isArray(schema.required)) {
      // A writeOnly property is sent by clients only, so a response need not contain it.
      const writeOnly = (name: string) =>
        properties !== undefined && this.#isWriteOnly(properties.value[name], properties.at);
      out.required = [...new Set(schema.required.filter(isString))].filter(
        (name) => !writeOnly(name),
      );
      // A required name without a property schema is declared with any value, so strict keeps it.
      const declared = (out.properties ?? {}) as JsonObject;
      for (const name of schema.required.filter(isString))
        if (!Object.hasOwn(declared, name)) define(declared, name, {});
      out.properties = declared;
    }
    const additional = scope.withoutAdditional ? undefined : schema.additionalProperties;
    if (additional === true || additional === false) out.additionalProperties = additional;
    else if (isRecord(additional))
      out.additionalProperties = this.#convert(
        additional,
        child(at, "additionalProperties"),
        value,
      );
    if (isRecord(schema.patternProperties)) {
      const converted: JsonObject = {};
      for (const [pattern, subschema] of Object.entries(schema.patternProperties)) {
        const patternAt = child(child(at, "patternProperties"), pattern);
        define(converted, pattern, this.#convert(subschema, patternAt, value));
      }
      out.patternProperties = converted;
    }
    if (isRecord(schema.dependentSchemas)) {
      const converted: JsonObject = {};
      for (const [name, subschema] of Object.entries(schema.dependentSchemas)) {
        const part: Scope = { position: "part", close: scope.close };
        define(
          converted,
          name,
          this.#convert(subschema, child(child(at, "dependentSchemas"), name), part),
        );
      }
      out.dependentSchemas = converted;
    }
  }

  #convertArrayKeywords(schema: JsonObject, at: Location, scope: Scope, out: JsonObject): void {
    const value = valueScope(scope);
    if (Array.isArray(schema.items)) {
      // Draft-04 tuple form, written `prefixItems` since 2020-12.
      out.prefixItems = schema.items.map((item, index) =>
        this.#convert(item, child(child(at, "items"), String(index)), value),
      );
      if (schema.additionalItems !== undefined) {
        out.items = this.#convert(schema.additionalItems, child(at, "additionalItems"), value);
      }
    } else if (schema.items !== undefined) {
      out.items = this.#convert(schema.items, child(at, "items"), value);
    }
    if (Array.isArray(schema.prefixItems)) {
      out.prefixItems = schema.prefixItems.map((item, index) =>
        this.#convert(item, child(child(at, "prefixItems"), String(index)), value),
      );
    }
  }

  #convertComposition(
    schema: JsonObject,
    at: Location,
    scope: Scope,
    out: JsonObject,
    parts: Located[],
    plan: MergePlan,
  ): void {
    const siblingKeys = [...(scope.siblingKeys ?? []), ...ownKeys(schema)];
    const partKeys = parts.map((part) => this.#declaredKeys(part.raw, part.at, 0));
    if (parts.length > 0) this.#convertParts(parts, partKeys, siblingKeys, scope, plan, out);
    for (const keyword of ["oneOf", "anyOf"] as const) {
      const variants = schema[keyword];
      if (!Array.isArray(variants)) continue;
      const dispatch = this.#discriminatorDispatch(schema, variants, at);
      if (dispatch) {
        out.allOf = [...((out.allOf as JsonObject[] | undefined) ?? []), dispatch];
        continue;
      }
      const variantsAt = child(at, keyword);
      const composed = scope.position === "part" || parts.length > 0 || declaresKeys(schema);
      if (!this.#closed || !composed) {
        out[keyword] = variants.map((item, index) =>
          this.#convert(item, child(variantsAt, String(index)), valueScope(scope)),
        );
        continue;
      }
      // A variant beside other parts of a composition closes over its own keys and the keys those
      // parts declare, which is what zod's intersection of strict objects accepts.
      const keys = [...new Set([...siblingKeys, ...partKeys.flat()])];
      const part: Scope = { position: "part", close: scope.close, siblingKeys: keys };
      out[keyword] = variants.map((item, index) => ({
        allOf: [this.#convert(item, child(variantsAt, String(index)), part)],
        properties: Object.fromEntries(keys.map((key) => [key, {}])),
        unevaluatedProperties: false,
      }));
    }
  }

  /**
   * Converts the parts of an `allOf` into `out.allOf`, and puts each property that several object
   * parts declare into `out.properties` as one merged schema. The parts declare it with any value.
   */
  #convertParts(
    parts: Located[],
    partKeys: string[][],
    siblingKeys: string[],
    scope: Scope,
    plan: MergePlan,
    out: JsonObject,
  ): void {
    const lifted = this.#liftAdditional(parts);
    const mergedKeys = [...(scope.mergedKeys ?? []), ...plan.shared.keys()];
    out.allOf = parts.map((item, index) => {
      const others = partKeys.filter((_, other) => other !== index).flat();
      const part: Scope = {
        position: "part",
        close: scope.close,
        siblingKeys: [...siblingKeys, ...others],
        ...(lifted !== undefined ? { withoutAdditional: true } : {}),
        ...(plan.objectParts[index] && mergedKeys.length > 0 ? { mergedKeys } : {}),
      };
      return this.#convert(item.raw, item.at, part);
    });
    if (lifted !== undefined) out.unevaluatedProperties = lifted;
    if (plan.shared.size === 0) return;
    const properties = (out.properties ?? {}) as JsonObject;
    for (const [name, declarations] of plan.shared)
      define(properties, name, { $ref: `#/$defs/${this.#mergedDefinition(declarations, scope)}` });
    out.properties = properties;
  }

  /**
   * Returns the `$defs` name of the merge of one property's declarations: their `allOf`, closed as
   * a whole in strict mode. Declarations that recurse into themselves name the same definition.
   */
  #mergedDefinition(declarations: Located[], outer: Scope): string {
    const scope = valueScope(outer);
    const locations = declarations.map((item) => locationKey(item.at));
    const key = `merged ${scope.close} ${locations.join(" ")}`;
    const known = this.#names.get(key);
    if (known !== undefined) return known;
    const name = `s${this.#names.size}`;
    this.#names.set(key, name);
    this.#defs[name] = {};
    const out: JsonObject = {};
    const partKeys = declarations.map((item) => this.#declaredKeys(item.raw, item.at, 0));
    this.#convertParts(declarations, partKeys, [], scope, this.#parts.plan(declarations, []), out);
    this.#defs[name] = this.#close(checkingProtoProperty(out), {}, scope);
    return name;
  }

  /**
   * The README's merge rule for `additionalProperties` in `allOf` parts: `false` in any part
   * closes the whole composition, else the first schema given applies to keys no part declares.
   * JSON Schema would apply each to the keys outside its own part. Returns the keyword for the
   * composition (`unevaluatedProperties`), or undefined when no part has one.
   */
  #liftAdditional(parts: Located[]): boolean | JsonObject | undefined {
    const found = parts
      .map((part) => this.#resolve(part.raw, part.at))
      .map(({ value, at: partAt }) => ({
        additional: isRecord(value) ? value.additionalProperties : undefined,
        at: partAt,
      }));
    if (found.some(({ additional }) => additional === false)) return false;
    const schema = found.find(
      ({ additional }) => isRecord(additional) && Object.keys(additional).length > 0,
    );
    if (!schema) return undefined;
    return this.#convert(schema.additional, child(schema.at, "additionalProperties"), {
      position: "value",
      close: this.#closed,
    });
  }

  /** Follows `$ref`s from a raw schema to the schema they name. */
  #resolve(raw: unknown, at: Location): { value: unknown; at: Location } {
    let value = raw;
    let location = at;
    for (let depth = 0; depth < 16 && isRecord(value) && typeof value.$ref === "string"; depth++) {
      location = this.#docs.locate(value.$ref, location);
      value = this.#docs.find(location);
    }
    return { value, at: location };
  }

  /** Property names a schema declares itself, through `$ref`s and `allOf` parts. */
  #declaredKeys(raw: unknown, at: Location, depth: number): string[] {
    if (!isRecord(raw) || depth > 16) return [];
    if (typeof raw.$ref === "string") {
      const target = this.#docs.locate(raw.$ref, at);
      return this.#declaredKeys(this.#docs.find(target), target, depth + 1);
    }
    const keys = ownKeys(raw);
    if (Array.isArray(raw.allOf)) {
      raw.allOf.forEach((part, index) =>
        keys.push(...this.#declaredKeys(part, child(child(at, "allOf"), String(index)), depth + 1)),
      );
    }
    return keys;
  }

  /**
   * An OpenAPI `discriminator` beside `oneOf` or `anyOf` of `$ref`s: the property's value selects
   * one schema, by the explicit mapping or else by the last token of each variant's pointer, and
   * the value is validated against that schema only. An object without the property, or with a
   * value the mapping does not name, is invalid.
   */
  #discriminatorDispatch(
    schema: JsonObject,
    variants: unknown[],
    at: Location,
  ): JsonObject | undefined {
    const raw = schema.discriminator;
    const property = typeof raw === "string" ? raw : isRecord(raw) ? raw.propertyName : undefined;
    if (typeof property !== "string") return undefined;
    if (!variants.every((variant) => isRecord(variant) && typeof variant.$ref === "string"))
      return undefined;
    const targets = new Map<string, { value: string; location: Location }>();
    const explicit = isRecord(raw) && isRecord(raw.mapping) ? raw.mapping : {};
    const mappedLocations = new Set<string>();
    for (const [value, target] of Object.entries(explicit)) {
      if (typeof target !== "string") continue;
      const ref =
        target.includes("#") || target.includes("/")
          ? target
          : `#${this.#componentsPointer()}/${target}`;
      const location = this.#docs.locate(ref, at);
      targets.set(value, { value, location });
      mappedLocations.add(locationKey(location));
    }
    for (const variant of variants as JsonObject[]) {
      const location = this.#docs.locate(variant.$ref as string, at);
      if (mappedLocations.has(locationKey(location))) continue;
      const tokens = location.pointer.split("/");
      const value = unescapeToken(tokens[tokens.length - 1] ?? "");
      if (!targets.has(value)) targets.set(value, { value, location });
    }
    const values = [...targets.keys()];
    return {
      type: "object",
      required: [property],
      properties: { [property]: { type: "string", enum: values } },
      "x-vg-discriminator": { property, values },
      allOf: [...targets.values()].map(({ value, location }) => ({
        if: { properties: { [property]: { const: value } } },
        then: {
          $ref: `#/$defs/${this.#defName(location, { position: "value", close: this.#closed })}`,
        },
      })),
    };
  }

  #componentsPointer(): string {
    return this.#version === "2.0" ? "/definitions" : "/components/schemas";
  }

  /** True when a property's schema, or the schema its `$ref` names, is marked writeOnly. */
  #isWriteOnly(raw: unknown, at: Location): boolean {
    let current = raw;
    let location = at;
    for (let depth = 0; depth < 8 && isRecord(current); depth++) {
      if (current.writeOnly === true) return true;
      if (typeof current.$ref !== "string") return false;
      location = this.#docs.locate(current.$ref, location);
      current = this.#docs.find(location);
    }
    return false;
  }
}

/**
 * ajv 8.20.0 leaves a property named `__proto__` out of `properties`, so the converted schema also
 * applies it through `patternProperties`, which ajv does check for that key.
 */
function checkingProtoProperty(out: JsonObject): JsonObject {
  const properties = out.properties;
  if (!isRecord(properties) || !Object.hasOwn(properties, "__proto__")) return out;
  const patterns = isRecord(out.patternProperties) ? out.patternProperties : {};
  define(patterns, "^__proto__$", properties["__proto__"]);
  out.patternProperties = patterns;
  return out;
}

/**
 * Infers the type of a schema written without `type`, by the README's rule: object keywords make
 * it an object, `items` an array and string keywords a string.
 */
function inferType(schema: JsonObject): string | undefined {
  if (
    schema.properties !== undefined ||
    schema.additionalProperties !== undefined ||
    schema.required !== undefined
  ) {
    return "object";
  }
  if (schema.items !== undefined) return "array";
  if (
    schema.pattern !== undefined ||
    schema.minLength !== undefined ||
    schema.maxLength !== undefined
  )
    return "string";
  return undefined;
}

/** Returns the keywords beside a 3.1 `$ref` that constrain the value, or undefined when there are none. */
function constrainingSiblings(schema: JsonObject): JsonObject | undefined {
  const siblings = Object.entries(schema).filter(
    ([key]) => !ANNOTATION_KEYWORDS.has(key) && !key.startsWith("x-"),
  );
  return siblings.length > 0 ? Object.fromEntries(siblings) : undefined;
}

/**
 * True when a converted schema describes an object that strict closing applies to: its type
 * allows objects, or it has no type but object keywords or `allOf` parts. A schema that accepts
 * anything, such as `{}` or `{ nullable: true }`, is not an object schema and stays open.
 */
function isObjectSchema(converted: JsonObject): boolean {
  const types = typeof converted.type === "string" ? [converted.type] : converted.type;
  if (Array.isArray(types)) return types.includes("object");
  return declaresKeys(converted);
}

/** Names in a schema's own `properties` and `required`. */
function ownKeys(schema: JsonObject): string[] {
  const keys = isRecord(schema.properties) ? Object.keys(schema.properties) : [];
  if (Array.isArray(schema.required)) keys.push(...schema.required.filter(isString));
  return keys;
}

function declaresKeys(schema: JsonObject): boolean {
  return ["properties", "required", "additionalProperties", "patternProperties", "allOf"].some(
    (keyword) => schema[keyword] !== undefined,
  );
}

/** Object keywords that make `type: object` beside a composition a real constraint. */
const OBJECT_KEYWORDS = [
  "properties",
  "required",
  "additionalProperties",
  "patternProperties",
  "propertyNames",
  "minProperties",
  "maxProperties",
  "items",
  "enum",
  "const",
];

/**
 * True for `type: object` beside `allOf`, `oneOf` or `anyOf` with no other object keyword. The
 * README reads it as a label, because documents write it over variants that need not be objects.
 */
function isTypeLabel(schema: JsonObject): boolean {
  if (schema.type !== "object") return false;
  if (![schema.allOf, schema.oneOf, schema.anyOf].some(Array.isArray)) return false;
  return !OBJECT_KEYWORDS.some((keyword) => schema[keyword] !== undefined);
}

function compiles(pattern: string, flags: string): boolean {
  try {
    new RegExp(pattern, flags);
    return true;
  } catch {
    return false;
  }
}

function child(at: Location, token: string): Location {
  return {
    file: at.file,
    pointer: `${at.pointer}/${token.replace(/~/g, "~0").replace(/\//g, "~1")}`,
  };
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

function isRecord(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}
