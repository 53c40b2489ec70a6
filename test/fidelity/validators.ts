/**
 * Both validators of one document, as the differential check builds them: the zod schemas
 * vendorguard emits and ajv on the reference conversion, by schema key and unknownKeys mode.
 */
import assert from "node:assert/strict";
import { buildModel } from "../../src/model/build.js";
import { DocumentSet } from "../../src/model/resolve.js";
import type { ApiModel } from "../../src/model/types.js";
import { ReferenceConverter } from "../../src/fidelity/reference-schema.js";
import { ReferenceValidator } from "../../src/fidelity/reference-validator.js";
import { ZodEvaluator } from "../../src/fidelity/zod-evaluator.js";
import { loadSpec } from "../../src/spec/load.js";

export type Mode = "strip" | "strict";

export interface DocumentValidators {
  model: ApiModel;
  /** True when the emitted zod schema of `key` accepts `value` in `mode`. */
  zodAccepts(key: string, mode: Mode, value: unknown): boolean;
  /** True when ajv, on the reference schema of `key` in `mode`, accepts `value`. */
  ajvAccepts(key: string, mode: Mode, value: unknown): boolean;
}

export async function loadValidators(file: string): Promise<DocumentValidators> {
  const spec = await loadSpec(file);
  const model = buildModel(spec, { include: [], exclude: [] });
  const docs = new DocumentSet(spec.file, spec.displayPath, spec.files);
  const zods = {
    strip: new ZodEvaluator(model, "strip"),
    strict: new ZodEvaluator(model, "strict"),
  };
  const converters = {
    strip: new ReferenceConverter(docs, spec.version, false),
    strict: new ReferenceConverter(docs, spec.version, true),
  };
  const reference = (mode: Mode, key: string) => {
    const schema = model.schemas.find((candidate) => candidate.key === key);
    if (!schema) throw new Error(`no schema ${key} in ${file}`);
    const pointer = schema.pointer.slice(schema.pointer.indexOf("#") + 1);
    const def = converters[mode].defineNamed({ file: spec.file, pointer });
    // The bundle grows with every schema defined, so the validator is rebuilt for each lookup.
    return new ReferenceValidator(converters[mode].bundle(`urn:test:${mode}`)).validatorOf(def);
  };
  return {
    model,
    zodAccepts: (key, mode, value) => zods[mode].schemaOf(key).safeParse(value).success,
    ajvAccepts: (key, mode, value) => reference(mode, key)(value) === true,
  };
}

/**
 * Asserts that, in each of `modes`, zod and ajv both accept each valid value and both reject each
 * invalid one.
 */
export function assertVerdicts(
  validators: DocumentValidators,
  key: string,
  modes: Mode[],
  valid: unknown[],
  invalid: unknown[],
): void {
  for (const mode of modes) {
    for (const value of valid) {
      const text = JSON.stringify(value);
      assert.ok(validators.zodAccepts(key, mode, value), `zod (${mode}) rejects ${text}`);
      assert.ok(validators.ajvAccepts(key, mode, value), `ajv (${mode}) rejects ${text}`);
    }
    for (const value of invalid) {
      const text = JSON.stringify(value);
      assert.ok(!validators.zodAccepts(key, mode, value), `zod (${mode}) accepts ${text}`);
      assert.ok(!validators.ajvAccepts(key, mode, value), `ajv (${mode}) accepts ${text}`);
    }
  }
}
