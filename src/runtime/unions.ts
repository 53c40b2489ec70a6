/**
 * `oneOf` and `anyOf` for the generated zod schemas where `z.union` does not say the same: exactly
 * one variant must match, and strict variants beside other parts of a composition may carry the
 * keys those parts declare.
 */
import { z } from "zod";

/**
 * A union that accepts a value only when exactly one variant accepts it, as JSON Schema's `oneOf`
 * requires. `z.union` stops at the first variant that matches, which is `anyOf`. Every variant runs,
 * so the output is the one matching variant's.
 *
 * `besideKeys` are keys the object around the union declares (`properties` beside `oneOf`, or
 * other `allOf` parts). A strict variant that fails only because the value carries some of them
 * still matches; its output and an `unrecognized_keys` issue for those keys are passed on, and
 * the enclosing `z.intersection` accepts them because the other side declares them. Like
 * `z.union`, a single variant that fails only on undeclared keys is passed on the same way.
 */
export function exclusiveUnion<const Variants extends readonly z.ZodType[]>(
  variants: Variants,
  besideKeys: readonly string[] = [],
): z.ZodType<z.output<Variants[number]>> {
  return z.unknown().transform((value, context) => {
    const outcomes: VariantOutcome[] = [];
    for (const variant of variants) {
      outcomes.push(matchVariant(variant, value, besideKeys));
      // A second match already decides; the remaining variants need not run.
      if (outcomes.filter((outcome) => outcome.kind === "match").length > 1) break;
    }
    const matches = outcomes.filter((outcome) => outcome.kind === "match");
    const nearMisses = outcomes.filter((outcome) => outcome.kind === "undeclared-keys");
    const chosen = matches.length === 1 ? matches[0] : undefined;
    const result =
      chosen ?? (matches.length === 0 && nearMisses.length === 1 ? nearMisses[0] : undefined);
    if (result) return finishMatch(result, value, context) as z.output<Variants[number]>;
    context.addIssue({
      code: "invalid_union",
      errors: matches.length === 0 ? outcomes.map((outcome) => outcome.issues) : [],
      input: value,
      message:
        matches.length === 0
          ? "Invalid input: no oneOf variant matches"
          : "Invalid input: more than one oneOf variant matches",
    } as never);
    return z.NEVER;
  }) as unknown as z.ZodType<z.output<Variants[number]>>;
}

/**
 * `anyOf` beside other parts of a composition: like `z.union`, but a strict variant that fails
 * only on keys in `besideKeys` matches, as in `exclusiveUnion`.
 */
export function inclusiveUnion<const Variants extends readonly z.ZodType[]>(
  variants: Variants,
  besideKeys: readonly string[],
): z.ZodType<z.output<Variants[number]>> {
  return z.unknown().transform((value, context) => {
    const outcomes = variants.map((variant) => matchVariant(variant, value, besideKeys));
    const matches = outcomes.filter((outcome) => outcome.kind === "match");
    const match = matches.find((outcome) => outcome.undeclared.length === 0) ?? matches[0];
    const nearMisses = outcomes.filter((outcome) => outcome.kind === "undeclared-keys");
    const result = match ?? (nearMisses.length === 1 ? nearMisses[0] : undefined);
    if (result) return finishMatch(result, value, context) as z.output<Variants[number]>;
    context.addIssue({
      code: "invalid_union",
      errors: outcomes.map((outcome) => outcome.issues),
      input: value,
      message: "Invalid input: no anyOf variant matches",
    } as never);
    return z.NEVER;
  }) as unknown as z.ZodType<z.output<Variants[number]>>;
}

/** The outcome of one union variant: a match (maybe carrying beside keys), undeclared keys only, or a mismatch. */
type VariantOutcome =
  | {
      kind: "match";
      variant: z.ZodType;
      data: unknown;
      undeclared: string[];
      issues: z.core.$ZodIssue[];
    }
  | {
      kind: "undeclared-keys";
      variant: z.ZodType;
      undeclared: string[];
      issues: z.core.$ZodIssue[];
    }
  | { kind: "mismatch"; issues: z.core.$ZodIssue[] };

function matchVariant(
  variant: z.ZodType,
  value: unknown,
  besideKeys: readonly string[],
): VariantOutcome {
  const result = variant.safeParse(value);
  if (result.success)
    return { kind: "match", variant, data: result.data, undeclared: [], issues: [] };
  const issues = result.error.issues;
  const undeclared = undeclaredKeysOnly(issues);
  if (!undeclared) return { kind: "mismatch", issues };
  if (undeclared.every((key) => besideKeys.includes(key))) {
    return { kind: "match", variant, data: undefined, undeclared, issues };
  }
  return { kind: "undeclared-keys", variant, undeclared, issues };
}

/** Returns a variant's output; undeclared keys are parsed without and reported for the intersection. */
function finishMatch(
  outcome: Exclude<VariantOutcome, { kind: "mismatch" }>,
  value: unknown,
  context: z.RefinementCtx,
): unknown {
  if (outcome.undeclared.length === 0) return outcome.kind === "match" ? outcome.data : undefined;
  const keys = outcome.undeclared;
  context.addIssue({
    code: "unrecognized_keys",
    keys,
    input: value,
    message: `Unrecognized keys: ${keys.join(", ")}`,
  } as never);
  return outcome.variant.safeParse(withoutKeys(value, keys)).data;
}

/** Returns the keys a strict object rejected when undeclared top-level keys are its only issues. */
function undeclaredKeysOnly(issues: readonly z.core.$ZodIssue[]): string[] | undefined {
  const onlyKeys = issues.every(
    (issue) => issue.code === "unrecognized_keys" && issue.path.length === 0,
  );
  if (!onlyKeys) return undefined;
  return issues.flatMap((issue) => (issue.code === "unrecognized_keys" ? issue.keys : []));
}

function withoutKeys(value: unknown, keys: readonly string[]): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (!keys.includes(key)) copy[key] = item;
  return copy;
}
