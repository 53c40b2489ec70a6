/**
 * Generates clients for every entry document of the real vendor set and GitHub's full REST
 * description, and requires `tsc --strict` to accept all of them with zero errors.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { generateClient } from "../../src/generate.js";
import { makeOutputDir, REPO_ROOT, typeCheck, unpackVendorSpecs, writeDefaultPolicy } from "../support/paths.js";

interface Document {
  /** Path inside the unpacked `specs` folder, or under the repository for GitHub. */
  file: string;
  operations: number;
  /** Small enough to type-check with `checked` schema typing, which proves schemas and types agree. */
  checked: boolean;
}

/** Entry documents (not the fragments they reference), with their operation counts. */
const DOCUMENTS: Document[] = [
  { file: "oai-examples/v3.1/webhook-example.yaml", operations: 0, checked: true },
  { file: "oai-examples/v3.0/callback-example.yaml", operations: 1, checked: true },
  { file: "oai-examples/v3.0/petstore.yaml", operations: 3, checked: true },
  { file: "oai-examples/v2.0/json/petstore.json", operations: 3, checked: true },
  { file: "oai-examples/v2.0/yaml/petstore-expanded.yaml", operations: 4, checked: true },
  { file: "oai-examples/v2.0/yaml/petstore-separate/spec/swagger.yaml", operations: 4, checked: true },
  { file: "oai-examples/v3.0/link-example.yaml", operations: 6, checked: true },
  { file: "oai-examples/v3.0/petstore-expanded.yaml", operations: 4, checked: true },
  { file: "oai-examples/v3.0/api-with-examples.yaml", operations: 2, checked: true },
  { file: "oai-examples/v3.0/uspto.yaml", operations: 3, checked: true },
  { file: "oai-examples/v2.0/json/uber.json", operations: 5, checked: true },
  { file: "twilio/twilio_chat_v3.yaml", operations: 1, checked: true },
  { file: "pagerduty/events-v2/openapiv3.json", operations: 2, checked: true },
  { file: "twilio/twilio_studio_v2.yaml", operations: 19, checked: true },
  { file: "twilio/twilio_lookups_v2.json", operations: 10, checked: true },
  { file: "twilio/twilio_messaging_v1.yaml", operations: 58, checked: true },
  { file: "twilio/twilio_verify_v2.json", operations: 57, checked: true },
  { file: "slack/slack_web_openapi_v2.json", operations: 174, checked: true },
  { file: "twilio/twilio_api_v2010.json", operations: 197, checked: true },
  { file: "digitalocean/specification/DigitalOcean-public.v2.yaml", operations: 659, checked: false },
  { file: "pagerduty/REST/openapiv3.json", operations: 465, checked: false },
  { file: "openai/openapi.yaml", operations: 288, checked: false },
  { file: "asana/asana_oas.yaml", operations: 247, checked: false },
  { file: "kubernetes/swagger.json", operations: 1123, checked: false },
  { file: "stripe/spec3.yaml", operations: 468, checked: false },
];

const GITHUB = "node_modules/@octokit/openapi/generated/api.github.com.json";

let workDir: string;
let specsDir: string;
let policyFile: string;
const checkedDirs: string[] = [];
const assertedDirs: string[] = [];

before(() => {
  workDir = makeOutputDir("real");
  specsDir = unpackVendorSpecs(workDir);
  policyFile = writeDefaultPolicy(path.join(workDir, "policy.yaml"), "Vendor");
});

after(() => rmSync(workDir, { recursive: true, force: true }));

for (const document of DOCUMENTS) {
  test(`generates ${document.file}`, async () => {
    const outDir = path.join(workDir, "out", document.file.replace(/[^A-Za-z0-9]+/g, "_"));
    const result = await generateClient({
      specPath: path.join(specsDir, document.file),
      policyPath: policyFile,
      outDir,
      schemaTyping: document.checked ? "checked" : "asserted",
    });
    assert.equal(result.model.operations.length, document.operations);
    (document.checked ? checkedDirs : assertedDirs).push(outDir);
  });
}

test("generates GitHub's REST description", async () => {
  const outDir = path.join(workDir, "out", "github");
  const result = await generateClient({ specPath: path.join(REPO_ROOT, GITHUB), policyPath: policyFile, outDir });
  assert.equal(result.model.operations.length, 1223);
  assert.equal(result.model.schemas.length, 969);
  assertedDirs.push(outDir);
});

test("tsc --strict accepts clients whose schemas are checked against their types", () => {
  assert.ok(checkedDirs.length > 0);
  const result = typeCheck(checkedDirs, workDir);
  assert.equal(result.status, 0, result.output.slice(0, 5000));
});

test("tsc --strict accepts the large clients and GitHub's", () => {
  assert.ok(assertedDirs.length > 0);
  const result = typeCheck(assertedDirs, workDir);
  assert.equal(result.status, 0, result.output.slice(0, 5000));
});
