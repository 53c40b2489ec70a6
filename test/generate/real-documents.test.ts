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
import { DOCUMENTS, GITHUB } from "../support/real-documents.js";


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
  const result = await generateClient({ specPath: path.join(REPO_ROOT, GITHUB), policyPath: policyFile, outDir, schemaTyping: "asserted" });
  assert.equal(result.model.operations.length, 1223);
  assert.equal(result.model.schemas.length, 969);
  assertedDirs.push(outDir);
});

test("tsc --strict accepts GitHub's client as generate writes it", async () => {
  const outDir = path.join(workDir, "out", "github-default");
  await generateClient({ specPath: path.join(REPO_ROOT, GITHUB), policyPath: policyFile, outDir });
  const result = typeCheck([outDir], workDir);
  assert.equal(result.status, 0, result.output.slice(0, 5000));
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
