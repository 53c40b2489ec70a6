/**
 * Remote `$ref`s: refused by default, fetched over https from the hosts `--allow-remote-refs`
 * names, and refused for any other host or for plain http. The CLI runs as a child process that
 * trusts the test CA through NODE_EXTRA_CA_CERTS.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { createTestCertificates, startHttpsServer, type TestCertificates, type TestServer } from "../support/https-server.js";
import { makeOutputDir, REPO_ROOT, writeDefaultPolicy } from "../support/paths.js";

const CLI = path.join(REPO_ROOT, "dist/src/cli/main.js");
let certificates: TestCertificates;
let server: TestServer;
let work: string;
let policy: string;
let caFile: string;

const REMOTE_SCHEMAS = "Pet:\n  type: object\n  required: [id]\n  properties:\n    id: { type: integer }\n    owner: { $ref: 'owner.yaml#/Owner' }\n";
const REMOTE_OWNER = "Owner:\n  type: object\n  properties:\n    name: { type: string }\n";

before(async () => {
  certificates = createTestCertificates();
  server = await startHttpsServer(certificates, (request, response) => {
    const documents: Record<string, string> = { "/schemas.yaml": REMOTE_SCHEMAS, "/owner.yaml": REMOTE_OWNER };
    const body = request.url === undefined ? undefined : documents[request.url];
    response.writeHead(body === undefined ? 404 : 200, { "content-type": "application/yaml" });
    response.end(body ?? "");
  });
  work = makeOutputDir("remote-refs");
  policy = writeDefaultPolicy(path.join(work, "policy.yaml"), "Pets");
  caFile = path.join(work, "ca.pem");
  writeFileSync(caFile, certificates.caPem);
});

after(async () => {
  await server?.close();
  certificates?.remove();
  rmSync(work, { recursive: true, force: true });
});

function specWithRef(name: string, ref: string): string {
  const file = path.join(work, `${name}.yaml`);
  writeFileSync(
    file,
    [
      "openapi: 3.0.3",
      "info: { title: Pets, version: '1' }",
      "paths:",
      "  /pets/{id}:",
      "    get:",
      "      operationId: getPet",
      "      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]",
      "      responses:",
      "        '200':",
      "          description: ok",
      "          content:",
      `            application/json: { schema: { $ref: '${ref}' } }`,
      "",
    ].join("\n"),
  );
  return file;
}

/** Runs the CLI without blocking this process, which serves the remote documents. */
function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: work, env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

test("a remote $ref is refused by default without a request", async () => {
  const spec = specWithRef("default", `${server.origin}/schemas.yaml#/Pet`);
  const before = server.requests.length;
  const result = await run(["generate", "--spec", spec, "--policy", policy, "--out", path.join(work, "default-out")]);
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /points to the network and is refused/);
  assert.equal(server.requests.length, before);
});

test("an allowed https host is fetched, with its relative refs", async () => {
  const host = new URL(server.origin).host;
  const spec = specWithRef("allowed", `${server.origin}/schemas.yaml#/Pet`);
  const out = path.join(work, "allowed-out");
  const result = await run(["generate", "--spec", spec, "--policy", policy, "--out", out, "--allow-remote-refs", host]);
  assert.equal(result.status, 0, result.stderr);
  assert.ok(existsSync(path.join(out, "schemas.ts")));
  const fetched = server.requests.map((request) => request.url);
  assert.ok(fetched.includes("/schemas.yaml"));
  assert.ok(fetched.includes("/owner.yaml"));
});

test("a host missing from the allowlist is refused", async () => {
  const spec = specWithRef("other-host", `${server.origin}/schemas.yaml#/Pet`);
  const result = await run(["generate", "--spec", spec, "--policy", policy, "--out", path.join(work, "x"), "--allow-remote-refs", "127.0.0.1:1"]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /is not among --allow-remote-refs \(127\.0\.0\.1:1\)/);
});

test("plain http is refused even for an allowed host", async () => {
  const host = new URL(server.origin).host;
  const spec = specWithRef("http", `http://${host}/schemas.yaml#/Pet`);
  const result = await run(["generate", "--spec", spec, "--policy", policy, "--out", path.join(work, "y"), "--allow-remote-refs", host]);
  assert.equal(result.status, 2);
  assert.match(result.stderr, /only https remote references can be allowed/);
});
