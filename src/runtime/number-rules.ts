/**
 * JSON Schema `multipleOf` on the decimal numbers JSON carries. zod's `.multipleOf` divides in
 * binary floating point and misjudges steps such as 0.0001 against values written in exponent
 * form (5e-324).
 */

/** A finite number as `digits * 10^-scale`, read from its shortest decimal form. */
function decimalParts(value: number): { digits: bigint; scale: number } {
  const text = String(Math.abs(value));
  const exponentAt = text.indexOf("e");
  const mantissa = exponentAt === -1 ? text : text.slice(0, exponentAt);
  const exponent = exponentAt === -1 ? 0 : Number(text.slice(exponentAt + 1));
  const point = mantissa.indexOf(".");
  const fraction = point === -1 ? "" : mantissa.slice(point + 1);
  const whole = point === -1 ? mantissa : mantissa.slice(0, point);
  return { digits: BigInt(whole + fraction), scale: fraction.length - exponent };
}

/** True when `value` is an integer multiple of `step`, both read as decimals; `step` must be positive. */
export function isMultipleOf(value: number, step: number): boolean {
  if (!Number.isFinite(value)) return false;
  const a = decimalParts(value);
  const b = decimalParts(step);
  const scale = Math.max(a.scale, b.scale);
  const scaledValue = a.digits * 10n ** BigInt(scale - a.scale);
  const scaledStep = b.digits * 10n ** BigInt(scale - b.scale);
  return scaledValue % scaledStep === 0n;
}
