/**
 * The differential check of one document: for every named schema, instances are drawn from the
 * reference schema and mutated, and the zod schema vendorguard emits must accept exactly the
 * instances ajv accepts. `unknownKeys: strip` is compared with the document's schema as written,
 * `strict` with the same schema closed where the document leaves objects open.
 */
import type { z } from "zod";
import type { ValidateFunction } from "ajv";
import { buildModel } from "../model/build.js";
import { DocumentSet } from "../model/resolve.js";
import { loadSpec } from "../spec/load.js";
import { InstanceGenerator, type Site } from "./instances.js";
import { explainDisagreement, type ExceptionProbe } from "./known-exceptions.js";
import { mutate } from "./mutations.js";
import { hashSeed, Random } from "./random.js";
import { ReferenceConverter } from "./reference-schema.js";
import { ReferenceValidator } from "./reference-validator.js";
import { shrinkInstance } from "./shrink.js";
import { findSubjects, type Subject } from "./subjects.js";
import { ZodEvaluator } from "./zod-evaluator.js";

export type UnknownKeysMode = "strip" | "strict";

export interface FidelityOptions {
  /** Instances drawn from each schema before mutating. Default: 6. */
  drawsPerSchema?: number;
  /** Mutated instances per schema. Default: 18. */
  mutationsPerSchema?: number;
  /** Seed mixed into every schema's generator. Default: 1. */
  seed?: number;
  /** Checks only the subjects whose key this accepts. Default: every one. */
  selectSchema?: (key: string) => boolean;
  /**
   * Replaces the emitted zod schema of a subject before the check, so tests can show that the
   * check catches a wrong schema. Default: none.
   */
  replaceZod?: (key: string, mode: UnknownKeysMode, emitted: z.ZodType) => z.ZodType;
}

/** Instances of one schema in one mode on which zod and ajv disagree in the same direction. */
export interface Disagreement {
  /** Key of the named schema in the model, e.g. `Pet`, or `response <methodName> <status>`. */
  schema: string;
  /** Location of the schema in the document. */
  pointer: string;
  mode: UnknownKeysMode;
  /** `zod-accepts`: zod accepts what ajv rejects. `zod-rejects`: the other way round. */
  direction: "zod-accepts" | "zod-rejects";
  /** How many instances disagreed this way. */
  count: number;
  /** The smallest disagreeing instance found. */
  instance: unknown;
  /** ajv's first error on `instance`, when ajv rejects it. */
  referenceError?: string;
  /** zod's first issue on `instance`, when zod rejects it. */
  zodIssue?: string;
  /** Id of the known, documented exception this is (see `known-exceptions.ts`), if it is one. */
  exception?: string;
}

export interface DocumentResult {
  /** The document as the caller named it. */
  document: string;
  schemas: number;
  /** Instances tried; each is validated in both modes. */
  instances: number;
  /** Instances the reference accepts in strip mode: how many drawn values were valid. */
  referenceAccepted: number;
  /** Instance-level disagreements over both modes. */
  disagreementCount: number;
  /** Those not explained by a known exception. */
  unexplainedCount: number;
  disagreements: Disagreement[];
  /** Instances ajv threw on instead of validating (see `referenceVerdict`); they are skipped. */
  referenceFailures: number;
  /** Schemas that could not be checked, with the reason. */
  errors: Array<{ schema: string; message: string }>;
  durationMs: number;
}

interface ModeValidators {
  mode: UnknownKeysMode;
  reference: ValidateFunction;
  zod: z.ZodType;
}

/** One document prepared for checking: its subjects, both references and both zod evaluators. */
interface PreparedDocument {
  subjects: Array<{ subject: Subject; openDef: string; closedDef: string }>;
  /** `$defs` of the open reference, which instances are drawn from. */
  openDefs: Record<string, never>;
  references: Record<UnknownKeysMode, ReferenceValidator>;
  zods: Record<UnknownKeysMode, ZodEvaluator>;
}

/** Runs the differential check on the document at `file`. */
export async function checkDocument(
  file: string,
  label: string,
  options: FidelityOptions = {},
): Promise<DocumentResult> {
  const started = performance.now();
  const prepared = await prepareDocument(file, options);
  const result: DocumentResult = {
    document: label,
    schemas: prepared.subjects.length,
    instances: 0,
    referenceAccepted: 0,
    disagreementCount: 0,
    unexplainedCount: 0,
    referenceFailures: 0,
    disagreements: [],
    errors: [],
    durationMs: 0,
  };
  for (const { subject, openDef, closedDef } of prepared.subjects) {
    let validators: ModeValidators[];
    try {
      validators = (["strip", "strict"] as const).map((mode) => {
        const emitted = prepared.zods[mode].schemaOf(subject.key);
        const def = mode === "strip" ? openDef : closedDef;
        return {
          mode,
          reference: prepared.references[mode].validatorOf(def),
          zod: options.replaceZod ? options.replaceZod(subject.key, mode, emitted) : emitted,
        };
      });
    } catch (error) {
      result.errors.push({ schema: subject.key, message: (error as Error).message });
      continue;
    }
    const instances = drawInstances(prepared.openDefs, openDef, subject.key, options);
    checkInstances(subject, instances, validators, result);
  }
  result.durationMs = Math.round(performance.now() - started);
  return result;
}

async function prepareDocument(file: string, options: FidelityOptions): Promise<PreparedDocument> {
  const spec = await loadSpec(file);
  const model = buildModel(spec, { include: [], exclude: [] });
  const docs = new DocumentSet(spec.file, spec.displayPath, spec.files);
  const open = new ReferenceConverter(docs, spec.version, false);
  const closed = new ReferenceConverter(docs, spec.version, true);
  const zods = {
    strip: new ZodEvaluator(model, "strip"),
    strict: new ZodEvaluator(model, "strict"),
  };
  const selected = findSubjects(spec, model, docs).filter(
    (subject) => options.selectSchema?.(subject.key) ?? true,
  );
  const subjects = selected.map((subject) => {
    if (subject.node) {
      zods.strip.addSchema(subject.key, subject.node);
      zods.strict.addSchema(subject.key, subject.node);
    }
    const openDef = open.defineNamed(subject.location);
    return { subject, openDef, closedDef: closed.defineNamed(subject.location) };
  });
  const openBundle = open.bundle("urn:vendorguard:open");
  return {
    subjects,
    openDefs: openBundle.$defs as Record<string, never>,
    references: {
      strip: new ReferenceValidator(openBundle),
      strict: new ReferenceValidator(closed.bundle("urn:vendorguard:closed")),
    },
    zods,
  };
}

function drawInstances(
  defs: Record<string, never>,
  def: string,
  key: string,
  options: FidelityOptions,
): unknown[] {
  const random = new Random(hashSeed(`${options.seed ?? 1}:${key}`));
  const generator = new InstanceGenerator(defs, random);
  const drawn: Array<{ value: unknown; sites: Site[] }> = [];
  for (let i = 0; i < (options.drawsPerSchema ?? 6); i++)
    drawn.push(generator.generate({ $ref: `#/$defs/${def}` }));
  const instances = drawn.map((item) => item.value);
  for (let i = 0; i < (options.mutationsPerSchema ?? 18); i++) {
    const base = random.pick(drawn);
    let mutated = mutate(base.value, base.sites, generator, random);
    if (random.chance(0.25)) mutated = mutate(mutated, base.sites, generator, random);
    instances.push(mutated);
  }
  // A client only ever validates what JSON.parse returns: no undefined, no holes, no -0.
  return instances.map((instance) => JSON.parse(JSON.stringify(instance) ?? "null") as unknown);
}

function checkInstances(
  subject: Subject,
  instances: unknown[],
  validators: ModeValidators[],
  result: DocumentResult,
): void {
  const groups = new Map<string, Disagreement>();
  for (const instance of instances) {
    result.instances++;
    for (const validator of validators) {
      const verdict = referenceVerdict(validator, instance);
      if (verdict === "threw") {
        result.referenceFailures++;
        continue;
      }
      const referenceAccepts = verdict;
      if (validator.mode === "strip" && referenceAccepts) result.referenceAccepted++;
      const zodAccepts = zodAccept(validator.zod, instance);
      if (referenceAccepts === zodAccepts) continue;
      result.disagreementCount++;
      const direction = zodAccepts ? "zod-accepts" : "zod-rejects";
      const explain = (candidate: unknown) =>
        explainDisagreement(probeOf(validator, direction, candidate));
      // Each instance is classified on its own, so an explained disagreement cannot hide another.
      const exception = explain(instance);
      if (!exception) result.unexplainedCount++;
      const key = `${validator.mode} ${direction} ${exception ?? ""}`;
      const known = groups.get(key);
      if (known) {
        known.count++;
        continue;
      }
      const disagrees = (candidate: unknown) =>
        referenceVerdict(validator, candidate) === referenceAccepts &&
        zodAccept(validator.zod, candidate) === zodAccepts &&
        explain(candidate) === exception;
      const smallest = shrinkInstance(instance, disagrees);
      groups.set(key, {
        schema: subject.key,
        pointer: subject.pointer,
        mode: validator.mode,
        direction,
        count: 1,
        instance: smallest,
        ...describeFailures(validator, smallest),
        ...(exception ? { exception } : {}),
      });
    }
  }
  result.disagreements.push(...groups.values());
}

function probeOf(
  validator: ModeValidators,
  direction: Disagreement["direction"],
  instance: unknown,
): ExceptionProbe {
  return {
    mode: validator.mode,
    direction,
    instance,
    referenceAccepts: (candidate) => referenceVerdict(validator, candidate) === true,
    zodAccepts: (candidate) => zodAccept(validator.zod, candidate),
  };
}

/**
 * ajv's verdict, or `threw`: fast-deep-equal, which ajv uses for `const` and `enum`, calls an
 * object's `toString` and throws when the instance has a `toString` key that is not a function.
 */
function referenceVerdict(validator: ModeValidators, instance: unknown): boolean | "threw" {
  try {
    return validator.reference(instance) === true;
  } catch {
    return "threw";
  }
}

/** zod's verdict; a schema that throws while parsing counts as rejecting, and the throw is reported. */
function zodAccept(schema: z.ZodType, instance: unknown): boolean {
  try {
    return schema.safeParse(instance).success;
  } catch {
    return false;
  }
}

function describeFailures(
  validator: ModeValidators,
  instance: unknown,
): { referenceError?: string; zodIssue?: string } {
  const out: { referenceError?: string; zodIssue?: string } = {};
  if (referenceVerdict(validator, instance) === false) {
    // ajv lists a failed union's variant errors before the union's own error, which is clearer.
    const errors = validator.reference.errors ?? [];
    const error = errors[errors.length - 1];
    if (error) {
      const passing = error.keyword === "oneOf" ? ` (${JSON.stringify(error.params)})` : "";
      out.referenceError = `${error.instancePath || "/"} ${error.keyword}: ${error.message ?? ""}${passing}`;
    }
  }
  try {
    const parsed = validator.zod.safeParse(instance);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      if (issue)
        out.zodIssue = `/${issue.path.map(String).join("/")} ${issue.code}: ${issue.message}`;
    }
  } catch (error) {
    out.zodIssue = `zod threw: ${(error as Error).message}`;
  }
  return out;
}
