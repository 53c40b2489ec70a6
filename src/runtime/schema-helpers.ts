/**
 * Small validators the generated zod schemas use where zod has no builder of its own.
 */
import { z } from "zod";

/**
 * A union whose variant is chosen by the value of one property, as an OpenAPI `discriminator`
 * says. The value is validated against the chosen variant only, so a payload cannot pass as
 * another variant; an unknown or missing discriminator value is an issue on that property.
 */
export function discriminatedUnion<T>(
  property: string,
  variants: Record<string, () => z.ZodType<T>>,
): z.ZodType<T> {
  return z.unknown().transform((value, context): T => {
    const tag =
      value !== null && typeof value === "object"
        ? (value as Record<string, unknown>)[property]
        : undefined;
    const variant =
      typeof tag === "string" && Object.hasOwn(variants, tag) ? variants[tag] : undefined;
    if (!variant) {
      context.addIssue({
        code: "invalid_union",
        errors: [],
        note: `Expected ${property} to be one of ${Object.keys(variants)
          .map((key) => JSON.stringify(key))
          .join(", ")}`,
        path: [property],
        input: undefined,
        message: `Invalid discriminator value: expected one of ${Object.keys(variants)
          .map((key) => JSON.stringify(key))
          .join(", ")}`,
      } as never);
      return z.NEVER;
    }
    const result = variant().safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) context.addIssue({ ...issue } as never);
    return z.NEVER;
  }) as unknown as z.ZodType<T>;
}

/** True when no two items of an array are deeply equal (JSON Schema `uniqueItems`). */
export function hasUniqueItems(items: readonly unknown[]): boolean {
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) if (isDeepEqual(items[i], items[j])) return false;
  }
  return true;
}

/** Structural equality of JSON values, as JSON Schema's `const`, `enum` and `uniqueItems` compare them. */
export function isDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, index) => isDeepEqual(item, other[index]));
  }
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  if (aKeys.length !== Object.keys(bRecord).length) return false;
  return aKeys.every(
    (key) =>
      Object.hasOwn(bRecord, key) && isDeepEqual((a as Record<string, unknown>)[key], bRecord[key]),
  );
}

/**
 * Returns an object's own properties on an object without prototype, so that zod treats a missing
 * key named like an Object.prototype member (`constructor`, `toString`) as absent.
 */
export function copyOwnProperties(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.assign(Object.create(null) as object, value);
}

/**
 * A schema with a JSON Schema `not`: the value as received must not satisfy `forbidden`. It is
 * checked before `schema` parses, so keys that `schema` strips still count.
 */
export function excluding<T>(schema: z.ZodType<T>, forbidden: z.ZodType): z.ZodType<T> {
  const allowed = z.unknown().refine((value) => !forbidden.safeParse(value).success, {
    message: "Invalid input: matches a schema under not",
  });
  return allowed.pipe(schema) as unknown as z.ZodType<T>;
}

/**
 * Requires the items of an array, as received, to be pairwise distinct (`uniqueItems`). The check
 * runs before `schema` parses, because two items that differ only in keys zod strips are distinct.
 */
export function withUniqueItems<T>(schema: z.ZodType<T>): z.ZodType<T> {
  const unique = z.unknown().refine((value) => !Array.isArray(value) || hasUniqueItems(value), {
    message: "Array items must be unique",
  });
  return unique.pipe(schema) as unknown as z.ZodType<T>;
}

export { isMultipleOf } from "./number-rules.js";
export { exclusiveUnion, inclusiveUnion } from "./unions.js";
export { isAbsoluteUrl, isDateTime, isEmail, isTime } from "./string-formats.js";
export {
  withPatternProperties,
  withPropertyCount,
  withPropertyNames,
  withProtoKey,
} from "./object-rules.js";
