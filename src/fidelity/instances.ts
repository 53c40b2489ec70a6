/**
 * Drawing JSON instances from a reference schema (see `reference-schema.ts`). Instances aim to be
 * valid but need not be: the check only requires zod and ajv to agree on each. Every value drawn is
 * recorded as a site, with the schema parts it was drawn from, so mutations can break it on purpose.
 */
import fc from "fast-check";
import type { JsonObject } from "./reference-schema.js";
import { decimalMultiple, formatSamples } from "./values.js";
import type { Random } from "./random.js";

export type Path = Array<string | number>;

/** One value inside a drawn instance and the schema parts that describe it. */
export interface Site {
  path: Path;
  /** Every schema the value must satisfy at once: `$ref`s followed, `allOf` flattened, one union variant chosen. */
  parts: JsonObject[];
  /** Unions met while flattening, with the variant that was chosen, for mutations that mix variants. */
  unions: Array<{ variants: JsonObject[]; chosen: number }>;
}

/** fast-check arbitraries by pattern; building one parses the regex, so they are kept. */
const PATTERN_ARBITRARIES = new Map<string, fc.Arbitrary<string> | null>();

/** Deepest nesting drawn; recursive schemas stop growing well before it. */
const MAX_DEPTH = 8;

export class InstanceGenerator {
  readonly #defs: Record<string, JsonObject>;
  readonly #random: Random;
  #sites: Site[] = [];

  constructor(defs: Record<string, JsonObject>, random: Random) {
    this.#defs = defs;
    this.#random = random;
  }

  /** Draws one instance of `schema` and the sites of every value in it. */
  generate(schema: JsonObject): { value: unknown; sites: Site[] } {
    this.#sites = [];
    const value = this.#draw(schema, 0, []);
    return { value, sites: this.#sites };
  }

  /** Draws a value for the schema at `path`, recording its site. */
  drawAt(schema: JsonObject, depth: number, path: Path): unknown {
    return this.#draw(schema, depth, path);
  }

  #draw(schema: JsonObject, depth: number, path: Path): unknown {
    const site: Site = { path, parts: [], unions: [] };
    this.#flatten(schema, site, 0);
    this.#sites.push(site);
    return this.#drawFromParts(site.parts, depth, path);
  }

  /** Resolves a `$defs` reference of the bundle. */
  resolve(ref: string): JsonObject {
    const name = ref.slice(ref.lastIndexOf("/") + 1);
    return this.#defs[name] ?? {};
  }

  /** Collects what a value must satisfy: follows `$ref`, flattens `allOf`, picks one union variant. */
  #flatten(schema: unknown, site: Site, guard: number): void {
    if (!isRecord(schema) || guard > 64) return;
    if (typeof schema.$ref === "string") this.#flatten(this.resolve(schema.$ref), site, guard + 1);
    site.parts.push(schema);
    if (Array.isArray(schema.allOf)) {
      for (const part of schema.allOf) {
        if (isRecord(part) && part.if !== undefined) continue;
        this.#flatten(part, site, guard + 1);
      }
    }
    const discriminator = schema["x-vg-discriminator"] as
      { property: string; values: string[] } | undefined;
    if (discriminator) this.#flattenDiscriminator(schema, discriminator, site, guard);
    for (const keyword of ["anyOf", "oneOf"]) {
      const variants = schema[keyword];
      if (!Array.isArray(variants) || variants.length === 0) continue;
      const chosen = this.#chooseVariant(variants as JsonObject[]);
      site.unions.push({ variants: variants as JsonObject[], chosen });
      this.#flatten(variants[chosen], site, guard + 1);
    }
  }

  #flattenDiscriminator(
    schema: JsonObject,
    discriminator: { property: string; values: string[] },
    site: Site,
    guard: number,
  ): void {
    const branches = (schema.allOf as JsonObject[]).filter((part) => isRecord(part.then));
    if (branches.length === 0) return;
    const chosen = this.#random.int(0, branches.length - 1);
    const branch = branches[chosen]!;
    site.unions.push({ variants: branches.map((part) => part.then as JsonObject), chosen });
    this.#flatten(branch.then, site, guard + 1);
    const value = ((branch.if as JsonObject).properties as JsonObject)[discriminator.property];
    site.parts.push({ properties: { [discriminator.property]: value } });
  }

  /** Prefers variants that are not `null`, since a null branch ends the value. */
  #chooseVariant(variants: JsonObject[]): number {
    const nonNull = variants
      .map((variant, index) => ({ variant, index }))
      .filter(({ variant }) => variant.type !== "null");
    if (nonNull.length === 0 || this.#random.chance(0.1))
      return this.#random.int(0, variants.length - 1);
    return this.#random.pick(nonNull).index;
  }

  #drawFromParts(parts: JsonObject[], depth: number, path: Path): unknown {
    const withConst = parts.find((part) => part.const !== undefined);
    if (withConst) return structuredClone(withConst.const);
    const withEnum = parts.filter((part) => Array.isArray(part.enum));
    if (withEnum.length > 0) return this.#drawEnum(withEnum);
    const type = this.#chooseType(parts);
    switch (type) {
      case "null":
        return null;
      case "boolean":
        return this.#random.chance(0.5);
      case "integer":
      case "number":
        return this.#drawNumber(parts, type === "integer");
      case "string":
        return this.#drawString(parts);
      case "array":
        return this.#drawArray(parts, depth, path);
      case "object":
        return this.#drawObject(parts, depth, path);
      default:
        return this.#drawAny(depth);
    }
  }

  #drawEnum(withEnum: JsonObject[]): unknown {
    const first = withEnum[0]!.enum as unknown[];
    const shared = first.filter((value) =>
      withEnum.every((part) =>
        (part.enum as unknown[]).some((other) => JSON.stringify(other) === JSON.stringify(value)),
      ),
    );
    const candidates = shared.length > 0 ? shared : first;
    if (candidates.length === 0) return "vg-empty-enum";
    const nonNull = candidates.filter((value) => value !== null);
    return structuredClone(
      this.#random.pick(nonNull.length > 0 && this.#random.chance(0.9) ? nonNull : candidates),
    );
  }

  #chooseType(parts: JsonObject[]): string | undefined {
    let allowed: string[] | undefined;
    for (const part of parts) {
      const types =
        typeof part.type === "string"
          ? [part.type]
          : Array.isArray(part.type)
            ? (part.type as string[])
            : undefined;
      if (!types) continue;
      const widened = types.includes("number") ? [...types, "integer"] : types;
      allowed = allowed === undefined ? widened : allowed.filter((type) => widened.includes(type));
    }
    if (allowed === undefined) return inferDrawType(parts);
    if (allowed.length === 0) return undefined;
    const nonNull = allowed.filter((type) => type !== "null");
    return this.#random.pick(nonNull.length > 0 && this.#random.chance(0.9) ? nonNull : allowed);
  }

  #drawNumber(parts: JsonObject[], integer: boolean): number {
    const bounds = numberBounds(parts, integer);
    const step = parts
      .map((part) => part["x-vg-multiple-of"])
      .find((value): value is number => typeof value === "number");
    if (step !== undefined) {
      const low = Math.ceil(Math.max(bounds.low, -1e6) / step);
      const high = Math.floor(Math.min(bounds.high, 1e6) / step);
      const multiple = decimalMultiple(step, high >= low ? this.#random.int(low, high) : low);
      return integer ? Math.round(multiple) : multiple;
    }
    const low = Math.max(bounds.low, -1e6);
    const high = Math.min(bounds.high, Math.max(low, 0) + 1e6);
    if (integer) {
      const lowInt = Math.ceil(low);
      const highInt = Math.floor(high);
      const edge = this.#random.chance(0.2);
      if (edge) return this.#random.chance(0.5) ? lowInt : highInt;
      return highInt >= lowInt
        ? this.#random.int(lowInt, Math.min(highInt, lowInt + 2000))
        : lowInt;
    }
    const value = low + this.#random.next() * Math.min(high - low, 2000);
    return Number(value.toFixed(this.#random.int(0, 3)));
  }

  #drawString(parts: JsonObject[]): string {
    const minLength = maxOf(parts, "minLength") ?? 0;
    const maxLength = minOf(parts, "maxLength");
    const format = parts.map((part) => part.format).find(isString);
    const pattern = parts.map((part) => part.pattern ?? part["x-vg-legacy-pattern"]).find(isString);
    if (format !== undefined && !pattern) {
      const samples = formatSamples(format, this.#random);
      if (samples) return samples;
    }
    if (pattern !== undefined) {
      const drawn = this.#drawMatching(
        pattern,
        parts.some((part) => part.pattern === pattern),
      );
      if (drawn !== undefined) return drawn;
    }
    const high = maxLength ?? minLength + 12;
    const length = this.#random.int(minLength, Math.max(minLength, Math.min(high, minLength + 12)));
    let text = "";
    const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
    for (let i = 0; i < length; i++) text += alphabet[this.#random.int(0, alphabet.length - 1)];
    return text;
  }

  /** A string matching `pattern`, drawn by fast-check, or undefined when fast-check cannot read it. */
  #drawMatching(pattern: string, unicode: boolean): string | undefined {
    const key = `${unicode ? "u" : ""}/${pattern}`;
    let arbitrary = PATTERN_ARBITRARIES.get(key);
    if (arbitrary === undefined) {
      try {
        arbitrary = fc.stringMatching(new RegExp(pattern, unicode ? "u" : ""));
      } catch {
        arbitrary = null;
      }
      PATTERN_ARBITRARIES.set(key, arbitrary);
    }
    if (arbitrary === null) return undefined;
    try {
      return fc.sample(arbitrary, { seed: this.#random.seed(), numRuns: 1 })[0];
    } catch {
      return undefined;
    }
  }

  #drawArray(parts: JsonObject[], depth: number, path: Path): unknown[] {
    const minItems = maxOf(parts, "minItems") ?? 0;
    const maxItems = minOf(parts, "maxItems");
    const prefix = parts.map((part) => part.prefixItems).find(Array.isArray) as
      JsonObject[] | undefined;
    const items = parts
      .filter((part) => part.items !== undefined)
      .map((part) => part.items as JsonObject);
    const unique = parts.some((part) => part.uniqueItems === true);
    const longest = depth >= MAX_DEPTH - 2 ? minItems : minItems + (depth > 3 ? 1 : 3);
    const length = this.#random.int(
      minItems,
      Math.max(minItems, maxItems === undefined ? longest : Math.min(maxItems, longest)),
    );
    const result: unknown[] = [];
    const seen = new Set<string>();
    for (let index = 0; index < length; index++) {
      const itemSchema = prefix?.[index] ?? (items.length > 0 ? { allOf: items } : {});
      let value = this.#draw(itemSchema, depth + 1, [...path, index]);
      for (let attempt = 0; unique && attempt < 4 && seen.has(JSON.stringify(value)); attempt++) {
        value = this.#draw(itemSchema, depth + 1, [...path, index]);
      }
      seen.add(JSON.stringify(value));
      result.push(value);
    }
    return result;
  }

  #drawObject(parts: JsonObject[], depth: number, path: Path): Record<string, unknown> {
    const properties = new Map<string, JsonObject[]>();
    const required = new Set<string>();
    for (const part of parts) {
      if (isRecord(part.properties)) {
        for (const [name, schema] of Object.entries(part.properties)) {
          properties.set(name, [...(properties.get(name) ?? []), schema as JsonObject]);
        }
      }
      if (Array.isArray(part.required))
        for (const name of part.required) if (isString(name)) required.add(name);
    }
    const result: Record<string, unknown> = {};
    const optionalChance = optionalPropertyChance(depth);
    for (const [name, schemas] of properties) {
      if (!required.has(name) && !this.#random.chance(optionalChance)) continue;
      define(result, name, this.#draw({ allOf: schemas }, depth + 1, [...path, name]));
    }
    for (const name of required) {
      if (!Object.hasOwn(result, name))
        define(result, name, this.#draw({}, depth + 1, [...path, name]));
    }
    this.#addExtraKeys(parts, result, depth, path);
    return result;
  }

  /** Adds keys that `patternProperties` or an `additionalProperties` schema describe. */
  #addExtraKeys(
    parts: JsonObject[],
    result: Record<string, unknown>,
    depth: number,
    path: Path,
  ): void {
    if (depth >= MAX_DEPTH - 2) return;
    for (const part of parts) {
      if (isRecord(part.patternProperties) && this.#random.chance(0.5)) {
        const [pattern, schema] = this.#random.pick(Object.entries(part.patternProperties));
        const key = this.#drawMatching(pattern, true);
        if (key !== undefined && !Object.hasOwn(result, key))
          define(result, key, this.#draw(schema as JsonObject, depth + 1, [...path, key]));
      }
      if (isRecord(part.additionalProperties) && this.#random.chance(0.4)) {
        const key = `extra${this.#random.int(0, 99)}`;
        if (!Object.hasOwn(result, key))
          define(result, key, this.#draw(part.additionalProperties, depth + 1, [...path, key]));
      }
    }
    const minProperties = maxOf(parts, "minProperties") ?? 0;
    for (
      let index = 0;
      Object.keys(result).length < minProperties && index < minProperties + 4;
      index++
    ) {
      const key = `more${index}`;
      if (!Object.hasOwn(result, key)) define(result, key, this.#drawAny(MAX_DEPTH));
    }
  }

  #drawAny(depth: number): unknown {
    const kind = this.#random.int(0, depth >= MAX_DEPTH - 2 ? 3 : 5);
    if (kind === 0) return null;
    if (kind === 1) return this.#random.chance(0.5);
    if (kind === 2) return this.#random.int(-100, 100);
    if (kind === 3) return `any${this.#random.int(0, 99)}`;
    if (kind === 4) return [this.#drawAny(depth + 2)];
    return { key: this.#drawAny(depth + 2) };
  }
}

/** Chance of drawing an optional property: fewer deeper down, so recursive schemas end. */
function optionalPropertyChance(depth: number): number {
  if (depth >= MAX_DEPTH - 2) return 0;
  if (depth > 3) return 0.25;
  return 0.6;
}

/** Sets a key as an own data property, so `__proto__` becomes a key rather than the prototype. */
export function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** Guesses the type a schema without `type` describes, from the keywords it uses. */
function inferDrawType(parts: JsonObject[]): string | undefined {
  const has = (keyword: string) => parts.some((part) => part[keyword] !== undefined);
  if (
    has("properties") ||
    has("required") ||
    has("additionalProperties") ||
    has("patternProperties")
  )
    return "object";
  if (has("items") || has("prefixItems")) return "array";
  if (has("pattern") || has("format") || has("minLength") || has("maxLength")) return "string";
  if (has("minimum") || has("maximum") || has("x-vg-multiple-of")) return "number";
  return undefined;
}

/** Returns the range every part's bounds leave, with exclusive bounds moved inwards. */
export function numberBounds(parts: JsonObject[], integer: boolean): { low: number; high: number } {
  let low = -Infinity;
  let high = Infinity;
  const nudge = integer ? 1 : 0.001;
  for (const part of parts) {
    if (typeof part.minimum === "number") low = Math.max(low, part.minimum);
    if (typeof part.exclusiveMinimum === "number")
      low = Math.max(low, part.exclusiveMinimum + nudge);
    if (typeof part.maximum === "number") high = Math.min(high, part.maximum);
    if (typeof part.exclusiveMaximum === "number")
      high = Math.min(high, part.exclusiveMaximum - nudge);
    const range = part["x-vg-integer-range"];
    if (Array.isArray(range)) {
      low = Math.max(low, range[0] as number);
      high = Math.min(high, range[1] as number);
    }
  }
  return { low, high };
}

function maxOf(parts: JsonObject[], keyword: string): number | undefined {
  const values = parts
    .map((part) => part[keyword])
    .filter((value): value is number => typeof value === "number");
  return values.length > 0 ? Math.max(...values) : undefined;
}

function minOf(parts: JsonObject[], keyword: string): number | undefined {
  const values = parts
    .map((part) => part[keyword])
    .filter((value): value is number => typeof value === "number");
  return values.length > 0 ? Math.min(...values) : undefined;
}

export function isRecord(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}
