/**
 * Mutations of a drawn instance. Each changes one value in a way a schema is meant to notice: a
 * missing required key, a wrong type, a value past a bound, an extra key, null, a value outside an
 * enum. Some changes only an exact validator notices, such as a value matching two `oneOf` variants.
 */
import {
  define,
  type InstanceGenerator,
  isRecord,
  numberBounds,
  type Path,
  type Site,
} from "./instances.js";
import type { Random } from "./random.js";
import type { JsonObject } from "./reference-schema.js";
import { EDGE_NUMBERS, FORMAT_NEAR_MISSES, TRICKY_STRINGS } from "./values.js";

type Mutation = (value: unknown, site: Site) => unknown;

/** Maximum length of a string that a length mutation builds. */
const MAX_MUTATED_LENGTH = 4096;

/** Returns a copy of `instance` with one value changed, chosen at random among its sites. */
export function mutate(
  instance: unknown,
  sites: Site[],
  generator: InstanceGenerator,
  random: Random,
): unknown {
  const site = random.pick(sites);
  const current = valueAt(instance, site.path);
  const candidates = mutationsFor(current, site, generator, random);
  const replacement = random.pick(candidates)(current, site);
  return replaceAt(instance, site.path, replacement);
}

function mutationsFor(
  value: unknown,
  site: Site,
  generator: InstanceGenerator,
  random: Random,
): Mutation[] {
  const mutations: Mutation[] = [() => null, () => wrongType(value, random)];
  const parts = site.parts;
  const has = (keyword: string) => parts.some((part) => part[keyword] !== undefined);
  if (isRecord(value)) mutations.push(...objectMutations(random));
  if (Array.isArray(value)) mutations.push(...arrayMutations(generator, random));
  if (typeof value === "number" || has("minimum") || has("maximum") || has("x-vg-multiple-of")) {
    mutations.push(...numberMutations(parts, random));
  }
  if (typeof value === "string") mutations.push(...stringMutations(parts, random));
  if (has("enum") || has("const")) mutations.push(...enumMutations(random));
  if (site.unions.length > 0)
    mutations.push((current) => mixVariants(current, site, generator, random));
  return mutations;
}

function wrongType(value: unknown, random: Random): unknown {
  const others: unknown[] = ["vg", 7, 2.5, true, {}, [], [value]].filter(
    (other) => typeof other !== typeof value,
  );
  return random.pick(others);
}

function objectMutations(random: Random): Mutation[] {
  return [
    (value, site) => {
      const required = site.parts.flatMap((part) =>
        Array.isArray(part.required) ? (part.required as string[]) : [],
      );
      const present = Object.keys(value as object).filter((key) => required.includes(key));
      const copy = copyObject(value as Record<string, unknown>);
      if (present.length > 0) delete copy[random.pick(present)];
      return copy;
    },
    (value) => {
      const keys = Object.keys(value as object);
      const copy = copyObject(value as Record<string, unknown>);
      if (keys.length > 0) delete copy[random.pick(keys)];
      return copy;
    },
    (value) => {
      const copy = copyObject(value as Record<string, unknown>);
      define(
        copy,
        random.pick(["vgExtra", "constructor", "toString", "__proto__", "hasOwnProperty", ""]),
        random.pick(["x", 1, null, {}]),
      );
      return copy;
    },
    (value, site) => {
      // A declared key set to null: optional and nullable must stay apart.
      const declared = site.parts.flatMap((part) =>
        isRecord(part.properties) ? Object.keys(part.properties) : [],
      );
      const copy = copyObject(value as Record<string, unknown>);
      if (declared.length > 0) define(copy, random.pick(declared), null);
      return copy;
    },
    () => ({}),
  ];
}

function arrayMutations(generator: InstanceGenerator, random: Random): Mutation[] {
  return [
    (value) => {
      const items = value as unknown[];
      return items.length > 0 ? [...items, structuredCopy(random.pick(items))] : items;
    },
    () => [],
    (value) => [...(value as unknown[]), ...(value as unknown[]), ...(value as unknown[])],
    (value) => [...(value as unknown[]), random.pick(["vg", 3, null, {}])],
    (value, site) => {
      const items = site.parts.map((part) => part.items).find(isRecord);
      return [
        ...(value as unknown[]),
        generator.drawAt(items ?? {}, 6, [...site.path, (value as unknown[]).length]),
      ];
    },
  ];
}

function numberMutations(parts: JsonObject[], random: Random): Mutation[] {
  const bounds = numberBounds(parts, false);
  const step = parts
    .map((part) => part["x-vg-multiple-of"])
    .find((value): value is number => typeof value === "number");
  const near = (edge: number) => [
    edge,
    edge - 1,
    edge + 1,
    edge - 0.5,
    edge + 0.5,
    edge - 1e-9,
    edge + 1e-9,
  ];
  const candidates = [...EDGE_NUMBERS];
  for (const part of parts) {
    for (const keyword of ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]) {
      if (typeof part[keyword] === "number") candidates.push(...near(part[keyword] as number));
    }
  }
  if (Number.isFinite(bounds.low)) candidates.push(bounds.low);
  if (step !== undefined)
    candidates.push(step, step * 3, step / 2, step * 1.5, step * 7 + step / 3, step * 1e6);
  return [
    () => random.pick(candidates),
    (value) => (typeof value === "number" ? value + random.pick([0.5, 1e-7, -0.25]) : 0.5),
  ];
}

function stringMutations(parts: JsonObject[], random: Random): Mutation[] {
  const format = parts
    .map((part) => part.format)
    .find((value): value is string => typeof value === "string");
  const minLength = parts
    .map((part) => part.minLength)
    .find((value): value is number => typeof value === "number");
  const maxLength = parts
    .map((part) => part.maxLength)
    .find((value): value is number => typeof value === "number");
  const mutations: Mutation[] = [
    () => random.pick(TRICKY_STRINGS),
    (value) => `${value as string}!`,
    (value) => ` ${value as string}`,
  ];
  if (format !== undefined && FORMAT_NEAR_MISSES[format])
    mutations.push(() => random.pick(FORMAT_NEAR_MISSES[format]!));
  // Lengths in the millions (data URLs) would make every validation slow and prove nothing more.
  if (minLength !== undefined && minLength <= MAX_MUTATED_LENGTH) {
    mutations.push(
      () => "x".repeat(Math.max(0, minLength - 1)),
      () => "😀".repeat(minLength),
    );
  }
  if (maxLength !== undefined && maxLength <= MAX_MUTATED_LENGTH) {
    mutations.push(
      () => "x".repeat(maxLength + 1),
      () => "😀".repeat(maxLength),
    );
  }
  return mutations;
}

function enumMutations(random: Random): Mutation[] {
  return [
    () => "vg-not-in-enum",
    (value) =>
      typeof value === "string"
        ? value.toUpperCase() === value
          ? value.toLowerCase()
          : value.toUpperCase()
        : String(value),
    (value) =>
      typeof value === "string"
        ? `${value} `
        : typeof value === "number"
          ? value + 1
          : random.pick([0, "0", false]),
  ];
}

/**
 * Draws the value from another variant of a union met at the site and, when both are objects,
 * merges it into the current value, which yields values that match two `oneOf` variants at once.
 */
function mixVariants(
  value: unknown,
  site: Site,
  generator: InstanceGenerator,
  random: Random,
): unknown {
  const union = random.pick(site.unions);
  const other = generator.drawAt(random.pick(union.variants), 4, site.path);
  if (!isRecord(value) || !isRecord(other)) return other;
  const merged = copyObject(value);
  for (const [key, item] of Object.entries(other))
    if (!Object.hasOwn(merged, key) || random.chance(0.5)) define(merged, key, item);
  return merged;
}

function copyObject(value: Record<string, unknown>): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) define(copy, key, value[key]);
  return copy;
}

/** Returns a deep copy that keeps `__proto__` as an own key. */
export function structuredCopy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(structuredCopy);
  if (!isRecord(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) define(copy, key, structuredCopy(value[key]));
  return copy;
}

export function valueAt(root: unknown, path: Path): unknown {
  let current = root;
  for (const token of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, token))
      return undefined;
    current = (current as Record<string | number, unknown>)[token];
  }
  return current;
}

/** Returns a copy of `root` with the value at `path` replaced; a path that no longer exists is left alone. */
export function replaceAt(root: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = structuredCopy(root);
  let parent = copy;
  for (const token of path.slice(0, -1)) {
    if (parent === null || typeof parent !== "object" || !Object.hasOwn(parent, token)) return copy;
    parent = (parent as Record<string | number, unknown>)[token];
  }
  const last = path[path.length - 1]!;
  if (parent === null || typeof parent !== "object") return copy;
  if (Array.isArray(parent)) parent[last as number] = replacement;
  else define(parent as Record<string, unknown>, String(last), replacement);
  return copy;
}
