/**
 * Warnings about schemas name the location and the type of the named schema they are in, so a
 * reader of a large document can find both. A oneOf with two equal variants is kept as written.
 */
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { ZodEvaluator } from "../../src/fidelity/zod-evaluator.js";
import { buildModel } from "../../src/model/build.js";
import type { ApiModel } from "../../src/model/types.js";
import { loadSpec } from "../../src/spec/load.js";
import { makeOutputDir, unpackVendorSpecs } from "../support/paths.js";

const MAIN = `
openapi: 3.0.3
info: { title: Warnings, version: 1.0.0 }
paths:
  /plans:
    get:
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  mode: { oneOf: [{ type: integer }, { type: integer }] }
components:
  schemas:
    Plan:
      type: object
      properties:
        code: { type: string, pattern: "(" }
        feature: { $ref: "feature.yaml" }
`;

const FEATURE = `
type: object
properties:
  value:
    oneOf:
      - { title: string_value, type: string }
      - { title: boolean_value, type: boolean }
      - { title: allowance_value, type: string }
`;

let workDir: string;

before(() => {
  workDir = makeOutputDir("schema-warnings");
});

after(() => rmSync(workDir, { recursive: true, force: true }));

async function modelOf(file: string): Promise<ApiModel> {
  return buildModel(await loadSpec(file), { include: [], exclude: [] });
}

describe("schema warnings", () => {
  let model: ApiModel;

  before(async () => {
    writeFileSync(path.join(workDir, "openapi.yaml"), MAIN);
    writeFileSync(path.join(workDir, "feature.yaml"), FEATURE);
    model = await modelOf(path.join(workDir, "openapi.yaml"));
  });

  test("name a component's type", () => {
    const warning = model.warnings.find((text) => text.includes("/pattern"));
    assert.ok(warning, model.warnings.join("\n"));
    assert.match(
      warning,
      /#\/components\/schemas\/Plan\/properties\/code\/pattern \(schema Plan\): /,
    );
  });

  test("name a referenced file's type", () => {
    const warning = model.warnings.find((text) => text.startsWith("feature.yaml#"));
    assert.ok(warning, model.warnings.join("\n"));
    assert.match(
      warning,
      /^feature\.yaml#\/properties\/value\/oneOf \(schema Feature\): oneOf variants 0 and 2 /,
    );
  });

  test("name no type for inline bodies", () => {
    const warning = model.warnings.find((text) => text.includes("/paths/"));
    assert.ok(warning, model.warnings.join("\n"));
    assert.match(warning, /\/schema\/properties\/mode\/oneOf: oneOf variants 0 and 1 /);
    assert.doesNotMatch(warning, /\(schema /);
  });
});

describe("DigitalOcean's addons_feature", () => {
  let model: ApiModel;

  before(async () => {
    const specs = unpackVendorSpecs(workDir);
    model = await modelOf(
      path.join(specs, "digitalocean/specification/DigitalOcean-public.v2.yaml"),
    );
  });

  test("warns with schema and pointer", () => {
    const warnings = model.warnings.filter((text) => text.includes("addons_feature.yml"));
    assert.deepEqual(warnings.length, 1, warnings.join("\n"));
    assert.match(
      warnings[0]!,
      /^resources\/addons\/models\/addons_feature\.yml#\/properties\/value\/oneOf \(schema AddonsFeature\): oneOf variants 0 and 2 are the same schema/,
    );
  });

  test("keeps the oneOf as written", () => {
    const key = model.schemas.find((schema) => schema.typeName === "AddonsFeature")!.key;
    const schema = new ZodEvaluator(model, "strip").schemaOf(key);
    const feature = {
      id: 1,
      name: "Support",
      type: "string",
      created_at: "2023-10-01T12:00:00Z",
      updated_at: "2023-10-01T12:00:00Z",
    };
    assert.equal(schema.safeParse({ ...feature, value: true }).success, true);
    assert.equal(schema.safeParse({ ...feature, value: "Unlimited" }).success, false);
    assert.equal(schema.safeParse({ ...feature, value: 3 }).success, false);
  });
});
