/**
 * The subset printer must give prettier's bytes for everything the emitters write: every real
 * vendor document and bug case, and random documents whose names and values put lines on both
 * sides of the 100-column limit. It must also never need prettier for them.
 */
import assert from "node:assert/strict";
import { readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { emitClient } from "../../src/generate.js";
import { formatEmittedCode } from "../../src/format/emitted-code.js";
import { formatWithPrettier } from "../../src/format/prettier.js";
import { formatSubset } from "../../src/format/subset/format-subset.js";
import { WorkerPool } from "../../src/format/worker-pool.js";
import { makeOutputDir, REPO_ROOT, unpackVendorSpecs, writeDefaultPolicy } from "../support/paths.js";
import { DOCUMENTS, GITHUB } from "../support/real-documents.js";

let work: string;
let specs: string;
let policy: string;
let prettier: WorkerPool<string, string>;

before(() => {
  work = makeOutputDir("subset");
  specs = unpackVendorSpecs(work);
  policy = writeDefaultPolicy(path.join(work, "policy.yaml"), "Vendor");
  prettier = new WorkerPool(new URL("../support/prettier-worker.js", import.meta.url), 2);
});

after(async () => {
  await prettier.close();
  rmSync(work, { recursive: true, force: true });
});

const noFallback = async (statement: string): Promise<string> => {
  throw new Error(`prettier was needed for: ${statement.slice(0, 300)}`);
};

/** Emits the client of a document and compares each file with prettier's formatting of it. */
async function assertSameAsPrettier(specPath: string, format: (code: string) => Promise<string>): Promise<void> {
  const emitted = await emitClient({ specPath, policyPath: policy, outDir: path.join(work, "unused") });
  await Promise.all(
    emitted.sources.map(async (file) => {
      const [ours, theirs] = await Promise.all([formatSubset(file.content, noFallback), format(file.content)]);
      if (ours.text !== theirs) assert.fail(`${path.basename(specPath)} ${file.path}: ${firstDifference(ours.text, theirs)}`);
    }),
  );
}

function firstDifference(actual: string, expected: string): string {
  const a = actual.split("\n");
  const b = expected.split("\n");
  let line = 0;
  while (line < a.length && a[line] === b[line]) line++;
  return `line ${line + 1}\n  subset:   ${JSON.stringify(a.slice(line, line + 3))}\n  prettier: ${JSON.stringify(b.slice(line, line + 3))}`;
}

for (const document of DOCUMENTS) {
  test(`equals prettier on ${document.file}`, async () => {
    await assertSameAsPrettier(path.join(specs, document.file), (code) => prettier.run(code));
  });
}

test("equals prettier on GitHub's REST description", async () => {
  await assertSameAsPrettier(path.join(REPO_ROOT, GITHUB), (code) => prettier.run(code));
});

test("equals prettier on every bug case", async () => {
  const root = path.join(REPO_ROOT, "test/fixtures/cases");
  const cases = readdirSync(root).filter((name) => /^\d/.test(name));
  assert.ok(cases.length > 20);
  for (const name of cases) {
    const spec = readdirSync(path.join(root, name)).find((file) => file.startsWith("spec."))!;
    await assertSameAsPrettier(path.join(root, name, spec), (code) => prettier.run(code));
  }
});

// Random documents

const identifier = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,58}$/);
const quotedName = fc.stringMatching(/^[a-z][a-z0-9 .-]{0,20}$/);
const propertyName = fc.oneof(identifier, quotedName, fc.constantFrom("__proto__", "constructor", "200", "1st", "default"));
const text = fc.string({ minLength: 1, maxLength: 140 });
const refName = fc.constantFrom("Alpha", "BetaWithAVeryLongComponentNameThatFillsTheLineQuickly", "Gamma");

type Json = Record<string, unknown>;

const { schema } = fc.letrec<{ schema: Json }>((tie) => ({
  schema: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record({ type: fc.constant("string"), format: fc.constantFrom("date-time", "uuid", "email", "uri", "byte", "x-unknown"), maxLength: fc.nat(300) }, { requiredKeys: ["type"] }),
    fc.record({ type: fc.constant("string"), pattern: fc.constantFrom("^[a-z]+$", "^(a|b)/c$", "\\d{3}-\\d{4}", "^'quoted\"$") }),
    fc.record({ type: fc.constantFrom("integer", "number"), minimum: fc.integer({ min: -1000, max: 0 }), maximum: fc.integer({ min: 1, max: 1_000_000 }) }, { requiredKeys: ["type"] }),
    fc.record({ type: fc.constant("string"), enum: fc.uniqueArray(text, { minLength: 1, maxLength: 12 }) }),
    fc.record({ type: fc.constant("integer"), enum: fc.uniqueArray(fc.integer({ min: -5, max: 5000 }), { minLength: 1, maxLength: 30 }) }),
    fc.record({ type: fc.constant("boolean"), nullable: fc.boolean() }),
    refName.map((name) => ({ $ref: `#/components/schemas/${name}` })),
    fc.record({ type: fc.constant("array"), items: tie("schema"), uniqueItems: fc.boolean(), minItems: fc.nat(3) }, { requiredKeys: ["type", "items"] }),
    fc.record({
      type: fc.constant("object"),
      description: text,
      properties: fc.dictionary(propertyName, tie("schema"), { maxKeys: 6 }),
      required: fc.array(identifier, { minLength: 1, maxLength: 2 }),
      additionalProperties: fc.oneof(fc.boolean(), tie("schema")),
      nullable: fc.boolean(),
    }, { requiredKeys: ["type", "properties"] }),
    fc.record({ oneOf: fc.array(tie("schema"), { minLength: 2, maxLength: 4 }) }),
    fc.record({ anyOf: fc.array(tie("schema"), { minLength: 2, maxLength: 3 }), nullable: fc.boolean() }),
    fc.record({ allOf: fc.array(tie("schema"), { minLength: 2, maxLength: 3 }) }),
  ),
}));

/** Component schemas are objects, so that `$ref`s between them never form a circle of aliases. */
const component = fc.record({ type: fc.constant("object"), properties: fc.dictionary(propertyName, schema, { minKeys: 1, maxKeys: 8 }) });

const documentArbitrary = fc.record({
  components: fc.record({ Alpha: component, BetaWithAVeryLongComponentNameThatFillsTheLineQuickly: component, Gamma: component }),
  operations: fc.array(fc.record({ operationId: identifier, response: schema, summary: text, query: fc.array(identifier, { maxLength: 3 }) }), { minLength: 1, maxLength: 4 }),
});

interface RandomParts {
  components: Record<string, Json>;
  operations: Array<{ operationId: string; response: Json; summary: string; query: string[] }>;
}

function toOpenApi(parts: RandomParts): Json {
  const paths: Json = {};
  parts.operations.forEach((operation, index) => {
    paths[`/items/${index}/{id}`] = {
      get: {
        operationId: `${operation.operationId}${index}`,
        summary: operation.summary,
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string" } },
          ...[...new Set(operation.query)].map((name) => ({ name, in: "query", schema: { type: "string" } })),
        ],
        responses: { "200": { description: "ok", content: { "application/json": { schema: operation.response } } } },
      },
    };
  });
  return { openapi: "3.0.3", info: { title: "Random", version: "1.0.0" }, paths, components: { schemas: parts.components } };
}

test("equals prettier on random documents", async () => {
  let index = 0;
  await fc.assert(
    fc.asyncProperty(documentArbitrary, async (parts) => {
      const file = path.join(work, `random-${index++}.json`);
      writeFileSync(file, JSON.stringify(toOpenApi(parts)));
      await assertSameAsPrettier(file, formatWithPrettier);
    }),
    { numRuns: 150, includeErrorInReport: true },
  );
});

// Code outside the subset

test("hands statements outside the subset to prettier", async () => {
  const source = "export const a = 1;\n\nexport const b = a.b.c;\n\nexport type C = string;\n";
  const fallbacks: string[] = [];
  const result = await formatSubset(source, async (statement) => {
    fallbacks.push(statement);
    return formatWithPrettier(statement);
  });
  assert.deepEqual(fallbacks, ["export const b = a.b.c;"]);
  assert.equal(result.text, await formatWithPrettier(source));
});

test("formats a file it cannot parse with prettier", async () => {
  const source = "if (a) { console.log(`x ${a}`) }\n";
  assert.equal(await formatEmittedCode(source), await formatWithPrettier(source));
});
