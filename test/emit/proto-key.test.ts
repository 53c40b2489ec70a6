/**
 * An own `__proto__` key, which zod skips, is validated like any other key where JSON Schema
 * constrains it, and is never copied into the result: Object.prototype and the result's prototype
 * stay as they are.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { before, describe, test } from "node:test";
import { buildModel } from "../../src/model/build.js";
import { ZodEvaluator } from "../../src/fidelity/zod-evaluator.js";
import { loadSpec } from "../../src/spec/load.js";
import { REPO_ROOT } from "../support/paths.js";
import { assertVerdicts, type DocumentValidators, loadValidators } from "../fidelity/validators.js";

const DOCUMENT = path.join(REPO_ROOT, "test/fidelity/documents/proto-keys-30.yaml");

/** Parses JSON text, which keeps a `__proto__` key as an own property. */
const json = (text: string): unknown => JSON.parse(text);

describe("__proto__ keys", () => {
  let validators: DocumentValidators;

  before(async () => {
    validators = await loadValidators(DOCUMENT);
  });

  test("additionalProperties schema applies", () => {
    assertVerdicts(
      validators,
      "Tags",
      ["strip", "strict"],
      [json('{"__proto__":"x"}'), json('{"a":"b","__proto__":"c"}')],
      [json('{"__proto__":0}'), json('{"__proto__":{}}'), json('{"a":"b","__proto__":null}')],
    );
  });

  test("declared property is checked", () => {
    assertVerdicts(
      validators,
      "Profile",
      ["strip", "strict"],
      [json('{"name":"a","__proto__":{}}'), json('{"name":"a","__proto__":{"isAdmin":false}}')],
      [
        json('{"name":"a","__proto__":5}'),
        json('{"name":"a","__proto__":{"isAdmin":"yes"}}'),
        json('{"name":"a"}'),
      ],
    );
  });

  test("optional property beside patterns", () => {
    assertVerdicts(
      validators,
      "OptionalProto",
      ["strip", "strict"],
      [json("{}"), json('{"__proto__":3,"x-a":"b"}')],
      [json('{"__proto__":"3"}'), json('{"__proto__":3,"x-a":1}')],
    );
  });

  test("closed object rejects it", () => {
    assertVerdicts(
      validators,
      "Closed",
      ["strip", "strict"],
      [json('{"id":1}')],
      [json('{"__proto__":{}}')],
    );
  });
});

describe("__proto__ in results", () => {
  let evaluators: Record<"strip" | "strict", ZodEvaluator>;

  before(async () => {
    const model = buildModel(await loadSpec(DOCUMENT), { include: [], exclude: [] });
    evaluators = {
      strip: new ZodEvaluator(model, "strip"),
      strict: new ZodEvaluator(model, "strict"),
    };
  });

  for (const mode of ["strip", "strict"] as const) {
    test(`leaves prototypes alone (${mode})`, () => {
      const profile = evaluators[mode]
        .schemaOf("Profile")
        .parse(json('{"name":"a","__proto__":{"isAdmin":true}}'));
      const tags = evaluators[mode].schemaOf("Tags").parse(json('{"a":"b","__proto__":"c"}'));
      for (const result of [profile, tags]) {
        assert.equal(Object.getPrototypeOf(result), Object.prototype);
        assert.equal(Object.hasOwn(result as object, "__proto__"), false);
      }
      assert.equal((profile as Record<string, unknown>).isAdmin, undefined);
      assert.deepEqual(tags, { a: "b" });
      assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
      assert.equal(Object.hasOwn(Object.prototype, "isAdmin"), false);
    });
  }
});
