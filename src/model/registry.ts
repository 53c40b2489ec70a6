/**
 * The named schemas of a document: its component schemas plus every other `$ref` target, each
 * normalised once and given a unique type name.
 */
import { VendorguardError } from "../errors.js";
import { unescapePointerToken } from "../spec/refs.js";
import type { SpecVersion } from "../spec/version.js";
import { type DynamicRefKeyword, DynamicRefResolver } from "./dynamic-refs.js";
import { NameAllocator, toTypeName } from "./names.js";
import { type DocumentSet, type Location, locationKey } from "./resolve.js";
import { SchemaNormalizer } from "./schema.js";
import type { Discriminator, NamedSchema, SchemaNode } from "./types.js";

interface Entry {
  key: string;
  location: Location;
  raw: unknown;
  isComponent: boolean;
  state: "pending" | "busy" | "done";
  node?: SchemaNode;
}

/** Pointer tokens that describe the document's structure rather than name a thing. */
const STRUCTURAL_TOKENS = new Set([
  "schema", "schemas", "items", "properties", "content", "responses", "requestBody", "parameters",
  "components", "definitions", "paths", "allOf", "oneOf", "anyOf", "additionalProperties",
  "get", "put", "post", "delete", "options", "head", "patch", "trace",
]);

export class SchemaRegistry {
  readonly docs: DocumentSet;
  readonly normalizer: SchemaNormalizer;
  readonly #componentsPointer: string;
  readonly #entries = new Map<string, Entry>();
  readonly #keyByLocation = new Map<string, string>();
  readonly #pending: Entry[] = [];
  readonly #dynamicRefs: DynamicRefResolver;

  constructor(docs: DocumentSet, version: SpecVersion) {
    this.docs = docs;
    this.#dynamicRefs = new DynamicRefResolver(docs);
    this.normalizer = new SchemaNormalizer(version, this);
    this.#componentsPointer = version === "2.0" ? "/definitions" : "/components/schemas";
  }

  /** Registers every component schema of the entry document. */
  registerComponents(): void {
    const at = { file: this.docs.entry, pointer: this.#componentsPointer };
    const components = this.docs.find(at);
    if (components === null || typeof components !== "object") return;
    for (const name of Object.keys(components).sort(compareCodeUnits)) {
      this.refer(`#${this.#componentsPointer}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`, at);
    }
  }

  /** Registers the target of `ref` (written at `at`) and returns its key. */
  refer(ref: string, at: Location): string {
    return this.#register(this.docs.locate(ref, at), ref, at);
  }

  /**
   * Registers the target of a `$recursiveRef` or `$dynamicRef` written at `at` and returns its key,
   * or returns why no target is the same wherever validation starts.
   */
  referDynamic(keyword: DynamicRefKeyword, value: string, at: Location): { target: string } | { problem: string } {
    const resolution = this.#dynamicRefs.resolve(keyword, value, at);
    if ("problem" in resolution) return resolution;
    return { target: this.#register(resolution.location, `${keyword} ${value}`, at) };
  }

  #register(location: Location, ref: string, at: Location): string {
    const known = this.#keyByLocation.get(locationKey(location));
    if (known !== undefined) return known;
    const raw = this.docs.get(location, ref, at);
    const componentName = this.#componentName(location);
    const key = componentName ?? this.docs.describeStable(location);
    if (this.#entries.has(key)) {
      throw new VendorguardError("internal_name_clash", `Two schemas were both given the key ${key}.`, { exitCode: 3 });
    }
    const entry: Entry = { key, location, raw, isComponent: componentName !== undefined, state: "pending" };
    this.#entries.set(key, entry);
    this.#keyByLocation.set(locationKey(location), key);
    this.#pending.push(entry);
    return key;
  }

  /**
   * Follows a `$ref` that stands for a whole map such as `properties` (some documents split those
   * into files), returning the map and where it sits.
   */
  followMapRef(value: unknown, at: Location): { value: Record<string, unknown>; at: Location } {
    let current = value;
    let location = at;
    for (let depth = 0; depth < 8 && isRecordValue(current) && typeof current.$ref === "string"; depth++) {
      const target = this.docs.locate(current.$ref, location);
      current = this.docs.get(target, current.$ref, location);
      location = target;
    }
    return { value: isRecordValue(current) ? current : {}, at: location };
  }

  /** Returns a named schema's node, normalising it on first use; undefined while it is in progress. */
  nodeOf(key: string): SchemaNode | undefined {
    const entry = this.#entries.get(key);
    if (!entry || entry.state === "busy") return undefined;
    if (entry.state === "pending") this.#normalize(entry);
    return entry.node;
  }

  /** Normalises every registered schema, including those registered along the way. */
  normalizeAll(): void {
    while (this.#pending.length > 0) {
      const entry = this.#pending.shift()!;
      if (entry.state === "pending") this.#normalize(entry);
    }
    this.#rejectAliasCycles();
  }

  /**
   * Rejects schemas that are only `$ref`s to each other in a circle (A is B, B is A). They
   * describe no value: the validator would recurse forever and the type aliases would not
   * compile. Recursion through a property or an array item is fine and not affected.
   */
  #rejectAliasCycles(): void {
    for (const start of this.#entries.values()) {
      const seen: string[] = [];
      let current: Entry | undefined = start;
      while (current && !seen.includes(current.key)) {
        seen.push(current.key);
        const target = aliasTarget(current.node);
        current = target === undefined ? undefined : this.#entries.get(target);
      }
      if (current && current.key === start.key) {
        const cycle = [...seen, start.key].map((key) => this.docs.describe(this.#entries.get(key)!.location));
        throw new VendorguardError(
          "ref_cycle",
          `These schemas refer only to each other in a circle, so they describe no value: ${cycle.join(" -> ")}. Give one of them a type or properties of its own.`,
        );
      }
    }
  }

  /** Returns every named schema with a unique type name: components first, then other targets. */
  named(names: NameAllocator = new NameAllocator()): NamedSchema[] {
    const entries = [...this.#entries.values()].sort(
      (a, b) => Number(b.isComponent) - Number(a.isComponent) || compareCodeUnits(a.key, b.key),
    );
    const result: NamedSchema[] = entries.map((entry) => ({
      key: entry.key,
      typeName: names.allocate(toTypeName(entry.isComponent ? entry.key : this.#nameFromLocation(entry.location))),
      pointer: this.docs.describeStable(entry.location),
      node: entry.node!,
      hasInputVariant: false,
      inputTypeName: "",
    }));
    markInputVariants(result);
    // Input variants are named after every plain name is taken, so `PetInput` never displaces a
    // component the document itself calls `PetInput`.
    for (const schema of result) {
      schema.inputTypeName = schema.hasInputVariant ? names.allocate(`${schema.typeName}Input`) : schema.typeName;
    }
    return result.sort((a, b) => compareCodeUnits(a.typeName, b.typeName));
  }

  /** Builds the discriminator of a `oneOf`/`anyOf` whose variants are all `$ref`s. */
  discriminatorOf(schema: Record<string, unknown>, variants: SchemaNode[], at: Location): Discriminator | undefined {
    const raw = schema.discriminator;
    const property = typeof raw === "string" ? raw : (raw as { propertyName?: unknown } | undefined)?.propertyName;
    if (typeof property !== "string") return undefined;
    // OpenAPI maps discriminator values to schemas named by `$ref`. A variant written another way
    // (inline, or a `$recursiveRef` that resolves to a named schema) has no name to map.
    const written = schema.oneOf ?? schema.anyOf;
    if (!Array.isArray(written) || !written.every((variant) => isRecordValue(variant) && typeof variant.$ref === "string")) return undefined;
    if (!variants.every((variant) => variant.kind === "ref")) return undefined;
    const mapping = new Map<string, string>();
    const explicit = (raw as { mapping?: Record<string, unknown> }).mapping ?? {};
    for (const [value, target] of Object.entries(explicit)) {
      if (typeof target !== "string") continue;
      const ref = target.includes("#") || target.includes("/") ? target : `#${this.#componentsPointer}/${target}`;
      mapping.set(value, this.refer(ref, at));
    }
    const mappedTargets = new Set(mapping.values());
    for (const variant of variants) {
      const target = (variant as { target: string }).target;
      if (!mappedTargets.has(target)) mapping.set(this.#implicitValue(target), target);
    }
    const entries = [...mapping.entries()]
      .map(([value, target]) => ({ value, target }))
      .sort((a, b) => compareCodeUnits(a.value, b.value));
    return { property, mapping: entries };
  }

  #implicitValue(target: string): string {
    const entry = this.#entries.get(target)!;
    const tokens = entry.location.pointer.split("/");
    return unescapePointerToken(tokens[tokens.length - 1] ?? target);
  }

  #normalize(entry: Entry): void {
    entry.state = "busy";
    entry.node = this.normalizer.normalizeNamed(entry.raw, entry.location, entry.key);
    entry.state = "done";
  }

  #componentName(location: Location): string | undefined {
    if (location.file !== this.docs.entry) return undefined;
    const prefix = `${this.#componentsPointer}/`;
    if (!location.pointer.startsWith(prefix)) return undefined;
    const rest = location.pointer.slice(prefix.length);
    return rest.includes("/") ? undefined : unescapePointerToken(rest);
  }

  #nameFromLocation(location: Location): string {
    const tokens = location.pointer.split("/").filter((token) => token.length > 0).map(unescapePointerToken);
    for (let i = tokens.length - 1; i >= 0; i--) {
      const token = tokens[i]!;
      if (!STRUCTURAL_TOKENS.has(token) && !/^\d+$/.test(token) && !token.includes("/json") && token !== "application") {
        return token;
      }
    }
    const base = location.file.split(/[\\/]/).pop() ?? "Schema";
    return base.replace(/\.(ya?ml|json)$/i, "");
  }
}

/** Sorts by UTF-16 code units, which unlike localeCompare gives the same order on every machine. */
export function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** Sets `hasInputVariant` on schemas that reach a readOnly or writeOnly property. */
function markInputVariants(schemas: NamedSchema[]): void {
  const byKey = new Map(schemas.map((schema) => [schema.key, schema]));
  const direct = new Map<string, boolean>();
  const refs = new Map<string, string[]>();
  for (const schema of schemas) {
    const found = { readWrite: false, targets: [] as string[] };
    scanNode(schema.node, found);
    direct.set(schema.key, found.readWrite);
    refs.set(schema.key, found.targets);
  }
  let changed = true;
  for (const schema of schemas) schema.hasInputVariant = direct.get(schema.key)!;
  while (changed) {
    changed = false;
    for (const schema of schemas) {
      if (schema.hasInputVariant) continue;
      if (refs.get(schema.key)!.some((target) => byKey.get(target)?.hasInputVariant)) {
        schema.hasInputVariant = true;
        changed = true;
      }
    }
  }
}

function scanNode(node: SchemaNode, found: { readWrite: boolean; targets: string[] }): void {
  if (node.readOnly || node.writeOnly) found.readWrite = true;
  switch (node.kind) {
    case "ref":
      found.targets.push(node.target);
      return;
    case "array":
      scanNode(node.items, found);
      return;
    case "object":
      for (const property of node.properties) scanNode(property.schema, found);
      if (typeof node.additional === "object") scanNode(node.additional, found);
      return;
    case "union":
      for (const variant of node.variants) scanNode(variant, found);
      return;
    case "intersection":
      for (const part of node.parts) scanNode(part, found);
      return;
    case "nullable":
      scanNode(node.inner, found);
      return;
    default:
      return;
  }
}

/** Returns the schema a node merely renames (a `$ref`, possibly nullable), or undefined. */
function aliasTarget(node: SchemaNode | undefined): string | undefined {
  if (node?.kind === "ref") return node.target;
  if (node?.kind === "nullable" && node.inner.kind === "ref") return node.inner.target;
  return undefined;
}

function isRecordValue(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
