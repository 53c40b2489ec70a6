/**
 * Documents built by fast-check with hostile strings in every place that reaches emitted code:
 * the client must type-check, importing it must run nothing taken from the document, and the
 * hostile names and enum values must still be validated as plain data.
 */
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { generateClients, methodOf, testPolicy, type GeneratedClients } from "../support/generated-client.js";
import { startHttpServer, type LoopbackHttpServer } from "../support/http-server.js";
import { makeOutputDir } from "../support/paths.js";

const CANARY = "__VG_CANARY";

/** Strings that try to leave a string literal, template literal, comment or regular expression. */
const PAYLOADS = [
  `'; globalThis.${CANARY} = 1; '`,
  `"; globalThis.${CANARY} = 1; "`,
  `\`; globalThis.${CANARY} = 1; \``,
  `\${globalThis.${CANARY} = 1}`,
  `*/ globalThis.${CANARY} = 1; /*`,
  `</script><script>globalThis.${CANARY} = 1</script>`,
  `\u2028globalThis.${CANARY} = 1;\u2029`,
  `\n}); globalThis.${CANARY} = 1; ({\n`,
  "\u202eevil\u202c \u2066hidden\u2069 \u200b",
  "\u0000nul\u0001",
  "\\",
  "\\u0027",
  "\r\n",
  "__proto__",
  "constructor",
  "default",
  "1st",
  "a-b.c d",
  "x".repeat(5000),
];

const hostileString = fc.oneof(
  fc.constantFrom(...PAYLOADS),
  fc.string({ unit: "binary", minLength: 1, maxLength: 40 }),
  fc.tuple(fc.constantFrom(...PAYLOADS), fc.string({ maxLength: 10 })).map(([payload, tail]) => payload + tail),
);

/** Component keys must match `^[a-zA-Z0-9._-]+$` in the OpenAPI schema; these stay inside it. */
const componentName = fc.constantFrom("__proto__", "constructor", "Object", "Error", "1abc", "default", "a.b-c_d", "Promise", "z");

interface HostileParts {
  component: string;
  property: string;
  operationId: string;
  description: string;
  enumValue: string;
  patternSource: string;
  queryName: string;
  headerName: string;
  title: string;
}

const hostileParts: fc.Arbitrary<HostileParts> = fc.record({
  component: componentName,
  property: hostileString,
  operationId: hostileString,
  description: hostileString,
  enumValue: hostileString,
  patternSource: hostileString,
  queryName: hostileString,
  headerName: fc.constantFrom("X-Evil", "x-a.b", "X-`${1}`"),
  title: hostileString,
});

/** A regular expression matching exactly `text`, with every syntax character escaped. */
function literalPattern(text: string): string {
  return `^${text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`;
}

function documentFor(parts: HostileParts): object {
  return {
    openapi: "3.0.3",
    info: { title: parts.title, version: parts.description, description: parts.description },
    paths: {
      "/items/{id}": {
        get: {
          operationId: parts.operationId,
          summary: parts.description,
          description: parts.description,
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "string" } },
            { name: parts.queryName, in: "query", description: parts.description, schema: { type: "string", default: parts.enumValue } },
            { name: parts.headerName, in: "header", schema: { type: "string", example: parts.description } },
          ],
          responses: {
            "200": {
              description: parts.description,
              content: { "application/json": { schema: { $ref: `#/components/schemas/${parts.component}` } } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        [parts.component]: {
          type: "object",
          description: parts.description,
          required: [parts.property, "mode"],
          properties: {
            [parts.property]: { type: "string", description: parts.description, pattern: literalPattern(parts.patternSource), default: parts.enumValue },
            mode: { type: "string", enum: [parts.enumValue, "plain"], example: parts.description },
          },
        },
      },
    },
  };
}

const SAMPLES = fc.sample(hostileParts, { numRuns: 12, seed: 20261204 });

let server: LoopbackHttpServer;
let clients: GeneratedClients;
let work: string;

before(async () => {
  server = await startHttpServer();
  work = makeOutputDir("hostile-specs");
  const requests = [];
  for (const [index, parts] of SAMPLES.entries()) {
    const specPath = path.join(work, `spec-${index}.json`);
    await writeFile(specPath, JSON.stringify(documentFor(parts)));
    requests.push({
      name: `hostile-${index}`,
      specPath,
      policy: testPolicy({ vendor: `Hostile ${index}`, baseUrl: `${server.origin}/api` }),
    });
  }
  clients = await generateClients("hostile", requests);
});

after(async () => {
  await server?.close();
  await clients?.remove();
});

test("importing generated clients runs nothing from the document", () => {
  assert.equal(clients.clients.size, SAMPLES.length);
  assert.equal((globalThis as Record<string, unknown>)[CANARY], undefined);
});

test("hostile property names and enum values are validated as data", async () => {
  for (const [index, parts] of SAMPLES.entries()) {
    const generated = clients.get(`hostile-${index}`);
    const client = generated.create();
    const [operation] = generated.model.operations;
    assert.ok(operation);
    const call = methodOf(client, operation.methodName);

    server.replyJson(JSON.stringify({ [parts.property]: parts.patternSource, mode: parts.enumValue }));
    const accepted = await call({ path: { id: "1" } });
    assert.deepEqual(accepted.data, { [parts.property]: parts.patternSource, mode: parts.enumValue }, `sample ${index}`);

    server.replyJson(JSON.stringify({ [parts.property]: parts.patternSource, mode: `${parts.enumValue}!` }));
    await assert.rejects(call({ path: { id: "1" } }), { code: "validation" }, `sample ${index}: changed enum value`);
    await client.close();
  }
  assert.equal((globalThis as Record<string, unknown>)[CANARY], undefined);
});
