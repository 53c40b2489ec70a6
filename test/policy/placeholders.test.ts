import assert from "node:assert/strict";
import { test } from "node:test";
import { parsePolicy } from "../../src/policy/load.js";
import { parseInvalid, policyWith } from "./policy-text.js";

const PLACEHOLDERS =
  "{ name: Shop, owner: TODO-owner, purpose: TODO-purpose, owningService: TODO-owningService, dataClassification: [TODO-dataClassification] }";

test("placeholders from init are rejected naming each key", () => {
  const error = parseInvalid(policyWith({ vendor: PLACEHOLDERS }));
  const byPath = new Map(error.problems.map((problem) => [problem.path, problem.message]));
  assert.deepEqual([...byPath.keys()].sort(), [
    "vendor.dataClassification[0]",
    "vendor.owner",
    "vendor.owningService",
    "vendor.purpose",
  ]);
  assert.equal(
    byPath.get("vendor.owner"),
    'is still the placeholder "TODO-owner" that vendorguard init wrote. Replace it with the team or person accountable for this vendor.',
  );
  assert.match(
    byPath.get("vendor.dataClassification[0]") ?? "",
    /^is still the placeholder "TODO-dataClassification" .* from public, internal, confidential, PII, PCI, PHI, secret\.$/,
  );
});

test("other invalid classification keeps its message", () => {
  const vendor =
    "{ name: Shop, owner: a, purpose: b, owningService: c, dataClassification: [internl] }";
  const [problem] = parseInvalid(policyWith({ vendor })).problems;
  assert.match(problem?.message ?? "", /^expected one of public, .* Did you mean internal\?$/);
});

test("values that only contain TODO are accepted", () => {
  const vendor =
    "{ name: Shop, owner: todo-team@example.com, purpose: Sync TODO- lists, owningService: todo-app, dataClassification: [internal] }";
  assert.equal(
    parsePolicy(policyWith({ vendor }), "todo.yaml").vendor.owner,
    "todo-team@example.com",
  );
});
