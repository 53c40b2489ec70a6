/**
 * The differential check against ajv on the case documents, the keyword documents and a few
 * small real vendor documents. A test fails on any disagreement that is not a known exception
 * documented in the README; the last tests show that the check catches a wrong zod schema.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { z } from "zod";
import { checkDocument, type DocumentResult } from "../../src/fidelity/differential.js";
import {
  caseDocuments,
  keywordDocuments,
  unpackVendorDocuments,
} from "../../src/fidelity/documents.js";
import { makeOutputDir, REPO_ROOT } from "../support/paths.js";

/** Real documents small enough to check in a few seconds each. */
const SMALL_VENDOR_DOCUMENTS = [
  "oai-examples/v2.0/json/petstore.json",
  "oai-examples/v2.0/yaml/petstore-separate/spec/swagger.yaml",
  "oai-examples/v3.0/petstore-expanded.yaml",
  "oai-examples/v3.0/uspto.yaml",
  "oai-examples/v3.1/webhook-example.yaml",
  "oai-examples/v2.0/json/uber.json",
  "pagerduty/events-v2/openapiv3.json",
  "twilio/twilio_chat_v3.yaml",
  "twilio/twilio_studio_v2.yaml",
  "twilio/twilio_lookups_v2.json",
];

/** Lists each disagreement that no known exception explains, for the failure message. */
function describeUnexplained(result: DocumentResult): string {
  const lines = result.disagreements
    .filter((item) => !item.exception)
    .map(
      (item) =>
        `${item.pointer} (${item.mode}, ${item.direction}, ${item.count}x): ${JSON.stringify(item.instance)}` +
        ` ajv: ${item.referenceError ?? "accepts"}; zod: ${item.zodIssue ?? "accepts"}`,
    );
  const errors = result.errors.map((error) => `${error.schema}: ${error.message}`);
  return [...lines, ...errors].join("\n");
}

function assertAgrees(result: DocumentResult): void {
  assert.ok(result.schemas > 0, `${result.document} has no schema to check`);
  assert.ok(result.referenceAccepted > 0, `${result.document}: no drawn instance was valid`);
  assert.ok(
    result.referenceAccepted < result.instances,
    `${result.document}: no instance was invalid`,
  );
  assert.deepEqual(result.errors, [], describeUnexplained(result));
  assert.equal(result.unexplainedCount, 0, describeUnexplained(result));
}

describe("case documents", () => {
  for (const file of caseDocuments(REPO_ROOT)) {
    test(`${path.basename(path.dirname(file))} agrees with ajv`, async () => {
      const result = await checkDocument(path.join(REPO_ROOT, file), file);
      assertAgrees(result);
    });
  }
});

describe("keyword documents", () => {
  for (const file of keywordDocuments(REPO_ROOT)) {
    test(`${path.basename(file)} agrees with ajv`, async () => {
      const result = await checkDocument(path.join(REPO_ROOT, file), file, {
        drawsPerSchema: 20,
        mutationsPerSchema: 120,
      });
      assertAgrees(result);
    });
  }
});

describe("small vendor documents", () => {
  let workDir: string;
  let specsDir: string;

  before(() => {
    workDir = makeOutputDir("fidelity");
    specsDir = unpackVendorDocuments(REPO_ROOT, workDir);
  });

  after(() => rmSync(workDir, { recursive: true, force: true }));

  for (const file of SMALL_VENDOR_DOCUMENTS) {
    test(`${file} agrees with ajv`, async () => {
      const result = await checkDocument(path.join(specsDir, file), file);
      assertAgrees(result);
    });
  }
});

describe("the check itself", () => {
  const keywords = path.join(REPO_ROOT, "test/fidelity/documents/keywords-30.yaml");

  test("flags a oneOf checked like anyOf", async () => {
    const anyOf = z.union([z.string().max(5), z.string().regex(/^[0-9]+$/u)]);
    const result = await checkDocument(keywords, "keywords-30.yaml", {
      selectSchema: (key) => key === "Overlap",
      replaceZod: () => anyOf,
      mutationsPerSchema: 60,
    });
    assert.ok(result.unexplainedCount > 0);
    const found = result.disagreements.find((item) => item.direction === "zod-accepts");
    assert.ok(found, "no instance that zod accepts and ajv rejects");
    assert.equal(found.exception, undefined);
  });

  test("flags an open object in strict mode", async () => {
    const result = await checkDocument(keywords, "keywords-30.yaml", {
      selectSchema: (key) => key === "Circle",
      replaceZod: (_key, mode, emitted) =>
        mode === "strict"
          ? z.looseObject({ shape: z.string(), radius: z.number().min(0) })
          : emitted,
      mutationsPerSchema: 60,
    });
    const strict = result.disagreements.filter((item) => item.mode === "strict");
    assert.ok(strict.length > 0, "strict mode accepted no undeclared key");
    assert.ok(result.disagreements.every((item) => item.mode === "strict"));
  });

  test("shrinks a disagreement to the key that matters", async () => {
    const result = await checkDocument(keywords, "keywords-30.yaml", {
      selectSchema: (key) => key === "Thing",
      replaceZod: (_key, _mode, emitted) =>
        emitted.refine((value) => !Object.hasOwn(value as object, "label")),
    });
    const rejected = result.disagreements.find((item) => item.direction === "zod-rejects");
    assert.ok(rejected, "no valid instance had a label");
    assert.deepEqual(Object.keys(rejected.instance as object).sort(), ["id", "kind", "label"]);
  });

  test("checks an undeclared __proto__ value", async () => {
    // This seed draws maps with a `__proto__` key whose value is not a string.
    const result = await checkDocument(keywords, "keywords-30.yaml", {
      selectSchema: (key) => key === "Labels",
      drawsPerSchema: 20,
      mutationsPerSchema: 300,
      seed: 5,
    });
    assert.deepEqual(result.disagreements, []);
  });
});
