/**
 * The reference validator: ajv (JSON Schema 2020-12) over the bundle from `reference-schema.ts`,
 * with the README's formats and three keywords of its own for rules JSON Schema states
 * differently: decimal `multipleOf`, the integer range, and legacy (non-`u`) patterns.
 */
import { createRequire } from "node:module";
import type { ValidateFunction } from "ajv";
import type { Ajv2020 as Ajv2020Instance } from "ajv/dist/2020.js";
import { REFERENCE_FORMATS } from "./reference-formats.js";

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js").default;

/** One document's reference validators, compiled on demand from its bundle. */
export class ReferenceValidator {
  readonly #ajv: Ajv2020Instance;
  readonly #id: string;
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(bundle: Record<string, unknown>) {
    this.#ajv = createAjv();
    this.#id = String(bundle.$id);
    this.#ajv.addSchema(bundle);
  }

  /** Returns the validator of one `$defs` entry of the bundle. */
  validatorOf(defName: string): ValidateFunction {
    const known = this.#compiled.get(defName);
    if (known) return known;
    const validate = this.#ajv.compile({ $ref: `${this.#id}#/$defs/${defName}` });
    this.#compiled.set(defName, validate);
    return validate;
  }
}

function createAjv(): Ajv2020Instance {
  const ajv = new Ajv2020({
    strict: false,
    allErrors: false,
    validateSchema: false,
    validateFormats: true,
    unicodeRegExp: true,
    // Without it, ajv finds `constructor` or `toString` on Object.prototype when an object lacks them.
    ownProperties: true,
    // Each `$defs` entry compiles once into its own function; inlining would copy every schema
    // into each schema that refers to it.
    inlineRefs: false,
    logger: false,
  });
  for (const [name, validate] of Object.entries(REFERENCE_FORMATS))
    ajv.addFormat(name, { type: "string", validate });
  ajv.addKeyword({
    keyword: "x-vg-integer-range",
    type: "number",
    schemaType: "array",
    validate: (range: [number, number], data: number) =>
      !Number.isInteger(data) || (data >= range[0] && data <= range[1]),
  });
  ajv.addKeyword({
    keyword: "x-vg-multiple-of",
    type: "number",
    schemaType: "number",
    validate: (step: number, data: number) => isDecimalMultiple(data, step),
  });
  ajv.addKeyword({
    keyword: "x-vg-legacy-pattern",
    type: "string",
    schemaType: "string",
    validate: (pattern: string, data: string) => new RegExp(pattern).test(data),
  });
  ajv.addKeyword({ keyword: "x-vg-discriminator" });
  return ajv;
}

/** Splits a finite number into `digits * 10^-scale`, read from its shortest decimal form. */
function toDecimal(value: number): { digits: bigint; scale: number } {
  const [mantissa, exponentText] = String(value).split("e");
  const exponent = Number(exponentText ?? 0);
  const [whole, fraction = ""] = mantissa!.split(".");
  return { digits: BigInt(`${whole}${fraction}`), scale: fraction.length - exponent };
}

/** True when `value` is an integer multiple of `step`, both read as the decimals JSON writes. */
export function isDecimalMultiple(value: number, step: number): boolean {
  if (!Number.isFinite(value) || !Number.isFinite(step) || step <= 0) return false;
  const a = toDecimal(value);
  const b = toDecimal(step);
  const scale = Math.max(a.scale, b.scale);
  const scaledA = a.digits * 10n ** BigInt(scale - a.scale);
  const scaledB = b.digits * 10n ** BigInt(scale - b.scale);
  return scaledA % scaledB === 0n;
}
