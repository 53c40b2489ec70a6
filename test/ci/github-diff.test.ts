/**
 * diffDocuments on two published versions of GitHub's REST description: @octokit/openapi 22.0.0
 * (installed as octokit-openapi-previous) and 23.0.2. Each asserted finding was checked by hand
 * in the two JSON files.
 */
import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import type { ApiChange } from "../../src/ci/api-diff.js";
import { diffDocuments } from "../../src/ci/diff-documents.js";
import { REPO_ROOT } from "../support/paths.js";

const OLD = path.join(
  REPO_ROOT,
  "node_modules/octokit-openapi-previous/generated/api.github.com.json",
);
const NEW = path.join(REPO_ROOT, "node_modules/@octokit/openapi/generated/api.github.com.json");

const report = await diffDocuments({ oldSpecPath: OLD, newSpecPath: NEW });

function changesOf(operationId: string, kind: string): ApiChange[] {
  return report.changes.filter(
    (change) => change.operation?.operationId === operationId && change.kind === kind,
  );
}

test("versions and operation counts", () => {
  assert.equal(report.old.version, "22.0.0");
  assert.equal(report.new.version, "23.0.2");
  assert.equal(report.old.operations, 1108);
  assert.equal(report.new.operations, 1223);
  assert.equal(report.summary.operationsAdded, 152);
  assert.equal(report.summary.operationsRemoved, 37);
});

test("agent-tasks/list-tasks was added", () => {
  const [added] = changesOf("agent-tasks/list-tasks", "operation-added");
  assert.equal(added?.severity, "non-breaking");
  assert.equal(added?.operation?.method, "GET");
  assert.equal(added?.operation?.path, "/agents/tasks");
});

test("repos/list-tag-protection was removed", () => {
  const [removed] = changesOf("repos/list-tag-protection", "operation-removed");
  assert.equal(removed?.severity, "breaking");
  assert.equal(removed?.operation?.path, "/repos/{owner}/{repo}/tags/protection");
});

test("repos/get returns the new has_pull_requests", () => {
  // full-repository gained has_pull_requests and declares no additionalProperties.
  const change = changesOf("repos/get", "property-added").find(
    (found) => found.schemaPath === "body.has_pull_requests",
  );
  assert.equal(change?.severity, "breaking");
  assert.equal(change?.location, "response 200");
  assert.deepEqual(change?.component, { key: "full-repository", path: ".has_pull_requests" });
});

test("issues/get returns the new pinned_comment", () => {
  const change = changesOf("issues/get", "property-added").find(
    (found) => found.schemaPath === "body.pinned_comment",
  );
  assert.equal(change?.severity, "breaking");
  assert.deepEqual(change?.component, { key: "issue", path: ".pinned_comment" });
});

test("code security configuration description became nullable", () => {
  const change = changesOf(
    "code-security/get-configurations-for-enterprise",
    "became-nullable",
  ).find((found) => found.schemaPath === "body[].description");
  assert.equal(change?.severity, "breaking");
  assert.deepEqual(change?.component, { key: "code-security-configuration", path: ".description" });
});

test("workflow dispatch gained a 200 response", () => {
  const [added] = changesOf("actions/create-workflow-dispatch", "response-added");
  assert.equal(added?.location, "response 200");
  assert.equal(added?.severity, "breaking");
});

test("dependabot repository access moved under /orgs", () => {
  const [moved] = changesOf("dependabot/repository-access-for-org", "route-changed");
  assert.equal(moved?.severity, "breaking");
  assert.equal(
    moved?.message,
    "moved from GET /organizations/{org}/dependabot/repository-access to GET /orgs/{org}/dependabot/repository-access",
  );
});

test("servers and security schemes are unchanged", () => {
  assert.ok(!report.changes.some((change) => change.operation === undefined));
});
