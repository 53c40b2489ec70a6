/**
 * JSON Schema object rules that zod has no builder for: `patternProperties`, `propertyNames`, and
 * property counts. Each applies to the object as received, before zod strips undeclared keys,
 * because JSON Schema counts and checks every key the server sent.
 */
import { z } from "zod";

/** What happens to a key that is neither declared nor matched by a pattern. */
export type OtherKeys = "keep" | "drop" | "reject" | z.ZodType;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function forwardIssues(context: z.RefinementCtx, issues: z.core.$ZodIssue[], key: string): void {
  for (const issue of issues) context.addIssue({ ...issue, path: [key, ...issue.path] } as never);
}

/**
 * An object with `patternProperties`: `schema` validates the declared properties and must keep
 * unknown keys (a `z.looseObject`). Every key matching a pattern, declared or not, must also
 * satisfy that pattern's schema. `others` decides what happens to the remaining keys.
 */
export function withPatternProperties<T>(
  schema: z.ZodType<T>,
  declared: readonly string[],
  patterns: ReadonlyArray<readonly [RegExp, () => z.ZodType]>,
  others: OtherKeys,
): z.ZodType<T> {
  return z.unknown().transform((input, context): T => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) context.addIssue({ ...issue } as never);
      return z.NEVER;
    }
    if (!isPlainObject(input)) return parsed.data;
    const output = parsed.data as Record<string, unknown>;
    for (const key of Object.keys(input)) {
      const matching = patterns.filter(([pattern]) => pattern.test(key));
      for (const [, valueSchema] of matching) {
        const result = valueSchema().safeParse(input[key]);
        if (!result.success) forwardIssues(context, result.error.issues, key);
      }
      if (matching.length > 0 || declared.includes(key)) continue;
      if (others === "drop") delete output[key];
      else if (others === "reject") {
        context.addIssue({
          code: "unrecognized_keys",
          keys: [key],
          input,
          message: `Unrecognized key: "${key}"`,
        } as never);
      } else if (others !== "keep") {
        const result = others.safeParse(input[key]);
        if (!result.success) forwardIssues(context, result.error.issues, key);
      }
    }
    return output as T;
  }) as unknown as z.ZodType<T>;
}

/**
 * An object whose own `__proto__` key is validated against `value`: the schema of a declared
 * `__proto__` property, or the one for undeclared keys (`additionalProperties`). zod skips the key
 * and never copies it into its result, so the result's prototype cannot change. This checks its
 * value on the input as received, without copying it either.
 */
export function withProtoKey<T>(
  schema: z.ZodType<T>,
  value: () => z.ZodType,
  required: boolean,
): z.ZodType<T> {
  const checked = z.unknown().superRefine((input, context) => {
    if (!isPlainObject(input)) return;
    const own = Object.getOwnPropertyDescriptor(input, "__proto__");
    if (!own) {
      if (required) {
        context.addIssue({
          code: "invalid_type",
          expected: "nonoptional",
          path: ["__proto__"],
          message: "Invalid input: expected nonoptional, received undefined",
        } as never);
      }
      return;
    }
    const result = value().safeParse(own.value);
    if (!result.success) forwardIssues(context, result.error.issues, "__proto__");
  });
  return checked.pipe(schema) as unknown as z.ZodType<T>;
}

/** An object whose every key must satisfy `names` (JSON Schema `propertyNames`). */
export function withPropertyNames<T>(schema: z.ZodType<T>, names: z.ZodType): z.ZodType<T> {
  const keysChecked = z.unknown().superRefine((input, context) => {
    if (!isPlainObject(input)) return;
    for (const key of Object.keys(input)) {
      const result = names.safeParse(key);
      if (!result.success) {
        context.addIssue({
          code: "custom",
          path: [key],
          message: `Invalid property name: ${result.error.issues[0]?.message ?? ""}`,
        });
      }
    }
  });
  return keysChecked.pipe(schema) as unknown as z.ZodType<T>;
}

/** An object with at least `min` and at most `max` keys as received (`minProperties`, `maxProperties`). */
export function withPropertyCount<T>(schema: z.ZodType<T>, min: number, max: number): z.ZodType<T> {
  const counted = z.unknown().superRefine((input, context) => {
    if (!isPlainObject(input)) return;
    const count = Object.keys(input).length;
    if (count < min)
      context.addIssue({ code: "custom", message: `Too few properties: expected at least ${min}` });
    if (count > max)
      context.addIssue({ code: "custom", message: `Too many properties: expected at most ${max}` });
  });
  return counted.pipe(schema) as unknown as z.ZodType<T>;
}
