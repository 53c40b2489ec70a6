/**
 * Small validators the generated zod schemas use where zod has no builder of its own.
 */
import { z } from "zod";

/**
 * A union whose variant is chosen by the value of one property, as an OpenAPI `discriminator`
 * says. The value is validated against the chosen variant only, so a payload cannot pass as
 * another variant; an unknown or missing discriminator value is an issue on that property.
 */
export function discriminatedUnion<T>(property: string, variants: Record<string, () => z.ZodType<T>>): z.ZodType<T> {
  return z.unknown().transform((value, context): T => {
    const tag = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[property] : undefined;
    const variant = typeof tag === "string" && Object.hasOwn(variants, tag) ? variants[tag] : undefined;
    if (!variant) {
      context.addIssue({
        code: "invalid_union",
        errors: [],
        note: `Expected ${property} to be one of ${Object.keys(variants).map((key) => JSON.stringify(key)).join(", ")}`,
        path: [property],
        input: undefined,
        message: `Invalid discriminator value: expected one of ${Object.keys(variants).map((key) => JSON.stringify(key)).join(", ")}`,
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
  return aKeys.every((key) => Object.hasOwn(bRecord, key) && isDeepEqual((a as Record<string, unknown>)[key], bRecord[key]));
}
