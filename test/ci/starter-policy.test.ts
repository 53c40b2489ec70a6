import assert from "node:assert/strict";
import { test } from "node:test";
import { buildStarterPolicy } from "../../src/ci/starter-policy.js";
import { isVendorguardError } from "../../src/errors.js";
import { isPolicyError } from "../../src/policy/errors.js";
import { parsePolicy } from "../../src/policy/load.js";
import type { ResolvedPolicy } from "../../src/policy/schema.js";

function starter(document: Record<string, unknown>, baseUrl?: string) {
  return buildStarterPolicy({
    document,
    displayPath: "vendor.yaml",
    operationCount: 3,
    ...(baseUrl === undefined ? {} : { baseUrl }),
  });
}

/** Replaces the placeholders as a reviewer would and parses the result. */
function filledIn(text: string): ResolvedPolicy {
  const filled = text
    .replace("TODO-owner", "payments-team@example.com")
    .replace("TODO-purpose", "Charge customers")
    .replace("TODO-owningService", "checkout")
    .replace("TODO-dataClassification", "PCI");
  return parsePolicy(filled, "filled.yaml");
}

const OPENAPI = {
  openapi: "3.0.3",
  info: { title: 'Pay: "Cards" # API', version: "1" },
  servers: [
    { url: "http://localhost:8080" },
    { url: "https://{region}.pay.example/v1", variables: { region: { default: "eu" } } },
  ],
  security: [{ token: [] }],
  components: {
    securitySchemes: {
      key: { type: "apiKey", in: "header", name: "X-Key" },
      token: { type: "http", scheme: "bearer" },
    },
  },
  paths: {},
};

test("OpenAPI document gives base URL, hosts and bearer auth", () => {
  const result = starter(OPENAPI);
  assert.match(result.text, /^baseUrl: https:\/\/eu\.pay\.example\/v1 {2}# from servers\[1\]$/m);
  const policy = filledIn(result.text);
  assert.equal(policy.vendor.name, 'Pay: "Cards" # API');
  assert.equal(policy.baseUrl, "https://eu.pay.example/v1");
  assert.deepEqual(policy.allowedHosts, ["eu.pay.example"]);
  assert.deepEqual(policy.auth, { scheme: "bearer", secret: { env: "PAY_CARDS_API_TOKEN" } });
  assert.deepEqual(policy.vendor.dataClassification, ["PCI"]);
});

test("defaults are written out and equal the schema's", () => {
  const result = starter(OPENAPI);
  for (const line of [
    "tls:\n  minVersion: TLSv1.2",
    "redirects:\n  mode: none",
    "unknownKeys: strict",
    "maxResponseBytes: 10485760",
    "  callMs: 45000",
  ]) {
    assert.ok(result.text.includes(line), `missing ${JSON.stringify(line)}`);
  }
  const written = filledIn(result.text);
  const minimal = filledIn(result.text.replace(/^tls:[\s\S]*?(?=^operations:)/m, ""));
  assert.deepEqual(written, minimal, "every written value is the default");
});

test("placeholders are rejected until filled in", () => {
  assert.throws(
    () => parsePolicy(starter(OPENAPI).text, "starter.yaml"),
    (error) =>
      isPolicyError(error) &&
      error.problems.map((problem) => problem.path).join(" ") ===
        "vendor.owner vendor.purpose vendor.owningService vendor.dataClassification[0]",
  );
});

test("Swagger 2.0 apiKey document", () => {
  const result = starter({
    swagger: "2.0",
    info: { title: "Mailer", version: "2" },
    host: "api.mailer.example",
    basePath: "/v2",
    schemes: ["http", "https"],
    securityDefinitions: { key: { type: "apiKey", in: "query", name: "api_key" } },
    paths: {},
  });
  const policy = filledIn(result.text);
  assert.equal(policy.baseUrl, "https://api.mailer.example/v2");
  assert.deepEqual(policy.auth, {
    scheme: "apiKey",
    in: "query",
    name: "api_key",
    secret: { env: "MAILER_API_KEY" },
  });
});

test("basic auth from Swagger 2.0", () => {
  const result = starter({
    swagger: "2.0",
    info: { title: "9 Lives", version: "1" },
    host: "nine.example",
    securityDefinitions: { login: { type: "basic" } },
    paths: {},
  });
  assert.deepEqual(filledIn(result.text).auth, {
    scheme: "basic",
    username: { env: "VENDOR_9_LIVES_USERNAME" },
    password: { env: "VENDOR_9_LIVES_PASSWORD" },
  });
});

test("oauth2 becomes bearer with a comment", () => {
  const result = starter({
    openapi: "3.1.0",
    info: { title: "Crm", version: "1" },
    servers: [{ url: "https://crm.example" }],
    components: {
      securitySchemes: {
        oauth: {
          type: "oauth2",
          flows: { clientCredentials: { tokenUrl: "https://crm.example/token", scopes: {} } },
        },
      },
    },
    paths: {},
  });
  assert.match(
    result.text,
    /^# The client does not run the OAuth flow: it sends an access token obtained elsewhere as a bearer token\.$/m,
  );
  assert.equal(filledIn(result.text).auth.scheme, "bearer");
  assert.equal(result.authScheme, "bearer");
});

test("document without security schemes gets scheme none", () => {
  const result = starter({
    openapi: "3.0.0",
    info: { title: "Open", version: "1" },
    servers: [{ url: "https://open.example" }],
    paths: {},
  });
  assert.match(
    result.text,
    /^# The document declares no security scheme\.\nauth:\n {2}scheme: none$/m,
  );
});

test("no https server is a usage error naming --base-url", () => {
  const document = {
    openapi: "3.0.0",
    info: { title: "Local", version: "1" },
    servers: [{ url: "http://localhost" }, { url: "/relative" }],
    paths: {},
  };
  assert.throws(
    () => starter(document),
    (error) =>
      isVendorguardError(error) &&
      error.exitCode === 2 &&
      /declares only "http:\/\/localhost", "\/relative".*Pass --base-url/.test(error.message),
  );
  const result = starter(document, "https://local.example/api/");
  assert.equal(filledIn(result.text).baseUrl, "https://local.example/api");
  assert.throws(
    () => starter(document, "http://local.example"),
    /--base-url "http:\/\/local\.example" is invalid: it is not https\./,
  );
});
