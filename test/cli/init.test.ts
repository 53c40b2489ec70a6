/**
 * `vendorguard init` as a child process, and the policy it writes going through `generate`.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { makeOutputDir, REPO_ROOT } from "../support/paths.js";
import { runCli } from "./run-cli.js";

const SPEC = path.join(REPO_ROOT, "specs/pagerduty-events/openapi.json");
const work = makeOutputDir("cli-init");
after(() => rmSync(work, { recursive: true, force: true }));

test("init writes a starter policy that generate rejects until filled in", () => {
  const result = runCli(["init", "--spec", SPEC], work);
  assert.equal(result.status, 0, result.stderr);
  assert.match(
    result.stdout,
    /^Wrote policy\.yaml for PagerDuty V2 Events API: baseUrl https:\/\/events\.pagerduty\.com\/v2, auth none\.$/m,
  );
  const text = readFileSync(path.join(work, "policy.yaml"), "utf8");
  assert.match(text, /^ {2}owner: TODO-owner {2}# /m);

  const refused = runCli(
    ["generate", "--spec", SPEC, "--policy", "policy.yaml", "--out", "client"],
    work,
  );
  assert.equal(refused.status, 2);
  for (const key of [
    "vendor.owner",
    "vendor.purpose",
    "vendor.owningService",
    "vendor.dataClassification\\[0\\]",
  ]) {
    assert.match(
      refused.stderr,
      new RegExp(`policy\\.yaml:\\d+:\\d+ ${key}: is still the placeholder "TODO-`),
    );
  }
  assert.ok(!existsSync(path.join(work, "client")));

  const filled = text
    .replace("TODO-owner", "sre@example.com")
    .replace("TODO-purpose", "Open incidents")
    .replace("TODO-owningService", "alert-router")
    .replace("TODO-dataClassification", "internal");
  writeFileSync(path.join(work, "policy.yaml"), filled);
  const generated = runCli(
    ["generate", "--spec", SPEC, "--policy", "policy.yaml", "--out", "client"],
    work,
  );
  assert.equal(generated.status, 0, generated.stderr);
  assert.match(
    readFileSync(path.join(work, "client/client.ts"), "utf8"),
    /export class PagerDutyV2EventsAPIClient /,
  );
});

test("init never replaces an existing file", () => {
  const existing = path.join(work, "kept.yaml");
  writeFileSync(existing, "mine\n");
  const result = runCli(["init", "--spec", SPEC, "--out", "kept.yaml"], work);
  assert.equal(result.status, 2);
  assert.match(
    result.stderr,
    /^vendorguard: kept\.yaml already exists, and init never replaces a file\./m,
  );
  assert.equal(readFileSync(existing, "utf8"), "mine\n");
});

test("init without --spec is a usage error", () => {
  const result = runCli(["init"], work);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /required option '--spec <file>' not specified/);
});

test("init on a document without an https server asks for --base-url", () => {
  const spec = path.join(work, "local.yaml");
  writeFileSync(
    spec,
    "openapi: 3.0.3\ninfo: { title: Local, version: '1' }\nservers: [{ url: 'http://localhost:8080' }]\npaths: {}\n",
  );
  const refused = runCli(["init", "--spec", spec, "--out", "local.policy.yaml"], work);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /declares only "http:\/\/localhost:8080".*Pass --base-url/);
  assert.ok(!existsSync(path.join(work, "local.policy.yaml")));

  const accepted = runCli(
    ["init", "--spec", spec, "--out", "local.policy.yaml", "--base-url", "https://local.example"],
    work,
  );
  assert.equal(accepted.status, 0, accepted.stderr);
  assert.match(
    readFileSync(path.join(work, "local.policy.yaml"), "utf8"),
    /^baseUrl: https:\/\/local\.example {2}# from --base-url$/m,
  );
});
