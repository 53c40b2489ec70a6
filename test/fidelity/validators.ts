/**
 * Both validators of one document, as the differential check builds them: the zod schemas
 * vendorguard emits and ajv on the reference conversion, by schema key and unknownKeys mode.
 */
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
  /** The emitted zod expression of `key` in `mode`. */
  expression(key: string, mode: Mode): string;
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
  const references = new Map<Mode, ReferenceValidator>();
  const reference = (mode: Mode, key: string) => {
    const schema = model.schemas.find((candidate) => candidate.key === key);
    if (!schema) throw new Error(`no schema ${key} in ${file}`);
    const pointer = schema.pointer.slice(schema.pointer.indexOf("#") + 1);
    const def = converters[mode].defineNamed({ file: spec.file, pointer });
    // The bundle grows with every schema defined, so the validator is rebuilt for each lookup.
    references.set(mode, new ReferenceValidator(converters[mode].bundle(`urn:test:${mode}`)));
    return references.get(mode)!.validatorOf(def);
  };
  return {
    model,
    zodAccepts: (key, mode, value) => zods[mode].schemaOf(key).safeParse(value).success,
    ajvAccepts: (key, mode, value) => reference(mode, key)(value) === true,
    expression: (key, mode) => zods[mode].expressionOf(key),
  };
}
