/**
 * `vendorguard diff` as a child process, on GitHub's REST description 22.0.0 and 23.0.2.
 */
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { makeOutputDir, REPO_ROOT, writeDefaultPolicy } from "../support/paths.js";
import { runCli } from "./run-cli.js";

const OLD = path.join(
  REPO_ROOT,
  "node_modules/octokit-openapi-previous/generated/api.github.com.json",
);
const NEW = path.join(REPO_ROOT, "node_modules/@octokit/openapi/generated/api.github.com.json");
const work = makeOutputDir("cli-diff");
after(() => rmSync(work, { recursive: true, force: true }));

writeDefaultPolicy(
  path.join(work, "github.policy.yaml"),
  "GitHub",
  "operations:\n  include: [repos/get, repos/list-tag-protection, meta/root]",
);

test("markdown report of the policy's operations fails on breaking", () => {
  const result = runCli(
    ["diff", OLD, NEW, "--policy", "github.policy.yaml", "--fail-on", "breaking"],
    work,
  );
  assert.equal(result.status, 1, result.stderr);
  assert.match(
    result.stdout,
    /^### API changes: GitHub's official OpenAPI spec \+ Octokit extension 22\.0\.0 → 23\.0\.2$/m,
  );
  assert.match(
    result.stdout,
    /^Compared the operations `github\.policy\.yaml` selects \(unknownKeys: strict\): /m,
  );
  assert.match(
    result.stdout,
    /^\| `repos\/get`<br>`GET \/repos\/\{owner\}\/\{repo\}` \| response 200 `body\.has_pull_requests` in `full-repository` \| was added: strict validation rejects responses that carry it until the client is regenerated \|$/m,
  );
  assert.match(
    result.stdout,
    /^\| `repos\/list-tag-protection`<br>`GET \/repos\/\{owner\}\/\{repo\}\/tags\/protection` \| operation \| operation was removed \|$/m,
  );
  assert.doesNotMatch(result.stdout, /agent-tasks/, "operations outside the policy are left out");
});

test("JSON report of the whole document", () => {
  const result = runCli(["diff", OLD, NEW, "--format", "json"], work);
  assert.equal(result.status, 0, result.stderr);
  const report = JSON.parse(result.stdout) as {
    summary: { operationsAdded: number; breaking: number };
    changes: Array<{ kind: string; operation?: { operationId: string } }>;
  };
  assert.equal(report.summary.operationsAdded, 152);
  assert.ok(report.summary.breaking > 0);
  assert.ok(
    report.changes.some(
      (change) =>
        change.kind === "operation-added" &&
        change.operation?.operationId === "agent-tasks/list-tasks",
    ),
  );
});

test("identical documents exit 0 with --fail-on breaking", () => {
  const spec = path.join(work, "tiny.yaml");
  writeFileSync(
    spec,
    "openapi: 3.0.3\ninfo: { title: Tiny, version: '1' }\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses: { '204': { description: ok } }\n",
  );
  const result = runCli(["diff", spec, spec, "--fail-on", "breaking"], work);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^\*\*0 breaking\*\* and 0 non-breaking changes: /m);
  assert.match(result.stdout, /No changes\.\n$/);
});

test("unknown format is a usage error", () => {
  const result = runCli(["diff", OLD, NEW, "--format", "html"], work);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /argument 'html' is invalid\. Allowed choices are markdown, json/);
});

test("missing document exits 2 naming it", () => {
  const result = runCli(["diff", "missing.json", NEW], work);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /missing\.json was not found/);
});

test("invalid --allow-remote-refs is a usage error", () => {
  const result = runCli(["diff", OLD, NEW, "--allow-remote-refs", "not a host"], work);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /--allow-remote-refs takes host names or host:port pairs/);
});
