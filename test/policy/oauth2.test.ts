import assert from "node:assert/strict";
import { test } from "node:test";
import { parsePolicy } from "../../src/policy/load.js";
import { toRuntimeConfig } from "../../src/policy/runtime-config.js";
import { assertSingleProblem, policyWith, type InvalidCase } from "./policy-text.js";

const HOSTS = "[api.github.com, auth.github.com]";
const SECRETS = "clientId: { env: CLIENT_ID }, clientSecret: { env: CLIENT_SECRET }";

/** Returns the auth key for the client credentials scheme with `extra` keys added. */
function oauth(extra: string): string {
  return `{ scheme: oauth2ClientCredentials, ${extra} }`;
}

function withTokenUrl(url: string): string {
  return oauth(`tokenUrl: "${url}", ${SECRETS}`);
}

const INVALID: Record<string, InvalidCase> = {
  "tokenUrl missing": {
    keys: { allowedHosts: HOSTS, auth: oauth(SECRETS) },
    path: "auth.tokenUrl",
    fragment: "required key is missing",
  },
  "tokenUrl not a URL": {
    keys: { allowedHosts: HOSTS, auth: withTokenUrl("auth.github.com/token") },
    path: "auth.tokenUrl",
    fragment: "expected an absolute URL such as https://auth.example.com/oauth/token",
  },
  "tokenUrl with another scheme": {
    keys: { allowedHosts: HOSTS, auth: withTokenUrl("ftp://auth.github.com/token") },
    path: "auth.tokenUrl",
    fragment: "got the scheme ftp://",
  },
  "tokenUrl with user info": {
    keys: { allowedHosts: HOSTS, auth: withTokenUrl("https://id:secret@auth.github.com/token") },
    path: "auth.tokenUrl",
    fragment: "must not contain a user name or password",
  },
  "tokenUrl with fragment": {
    keys: { allowedHosts: HOSTS, auth: withTokenUrl("https://auth.github.com/token#x") },
    path: "auth.tokenUrl",
    fragment: "must not contain a fragment",
  },
  "tokenUrl over http": {
    keys: { allowedHosts: HOSTS, auth: withTokenUrl("http://auth.github.com/token") },
    path: "auth.tokenUrl",
    fragment: "uses http://, which sends the client secret and the token in clear text",
  },
  "tokenUrl over http to a remote host with the switch": {
    keys: {
      allowInsecureHttp: "true",
      allowedHosts: HOSTS,
      auth: withTokenUrl("http://auth.github.com/token"),
    },
    path: "auth.tokenUrl",
    fragment:
      "only to loopback hosts (127.0.0.0/8, ::1, localhost), but the host is auth.github.com",
  },
  "tokenUrl host not allowed": {
    keys: { auth: withTokenUrl("https://auth.github.com/token") },
    path: "auth.tokenUrl",
    fragment:
      'the token endpoint\'s host auth.github.com is not in allowedHosts, so the client may not request it. Add "auth.github.com" to allowedHosts.',
  },
  "tokenUrl port not allowed": {
    keys: { allowedHosts: HOSTS, auth: withTokenUrl("https://auth.github.com:8443/token") },
    path: "auth.tokenUrl",
    fragment: 'Add "auth.github.com:8443"',
  },
  "clientSecret literal": {
    keys: {
      allowedHosts: HOSTS,
      auth: oauth(
        "tokenUrl: https://auth.github.com/t, clientId: { env: ID }, clientSecret: s3cr3t-value",
      ),
    },
    path: "auth.clientSecret",
    fragment:
      "auth.clientSecret must name where the client secret comes from ({ env: NAME } or { provider: NAME })",
  },
  "clientId literal": {
    keys: {
      allowedHosts: HOSTS,
      auth: oauth("tokenUrl: https://auth.github.com/t, clientId: abc, clientSecret: { env: S }"),
    },
    path: "auth.clientId",
    fragment: "auth.clientId must name where the client ID comes from",
  },
  "access token written as a literal": {
    keys: {
      allowedHosts: HOSTS,
      auth: oauth(`tokenUrl: https://auth.github.com/t, ${SECRETS}, access_token: eyJhbGciOi`),
    },
    path: "auth.access_token",
    fragment: "auth.clientSecret must name where the client secret comes from",
  },
  "scope with a space": {
    keys: {
      allowedHosts: HOSTS,
      auth: oauth(`tokenUrl: https://auth.github.com/t, ${SECRETS}, scopes: ["read write"]`),
    },
    path: "auth.scopes[0]",
    fragment:
      'expected a scope without spaces, quotes or backslashes, e.g. read:invoices, got the string "read write"',
  },
  "scope listed twice": {
    keys: {
      allowedHosts: HOSTS,
      auth: oauth(`tokenUrl: https://auth.github.com/t, ${SECRETS}, scopes: [read, read]`),
    },
    path: "auth.scopes[1]",
    fragment: "listed more than once",
  },
  "clientAuthentication unknown": {
    keys: {
      allowedHosts: HOSTS,
      auth: oauth(`tokenUrl: https://auth.github.com/t, ${SECRETS}, clientAuthentication: jwt`),
    },
    path: "auth.clientAuthentication",
    fragment: 'expected one of basic, body, got the string "jwt"',
  },
};

for (const [name, invalid] of Object.entries(INVALID)) {
  test(`oauth2 rejects ${name}`, () => {
    assertSingleProblem(invalid);
  });
}

test("oauth2 literal secret never shown", () => {
  const error = assertSingleProblem(INVALID["clientSecret literal"]!);

  assert.doesNotMatch(error.message, /s3cr3t/);
});

test("oauth2 defaults applied", () => {
  const policy = parsePolicy(
    policyWith({ allowedHosts: HOSTS, auth: withTokenUrl("https://AUTH.github.com:443/token") }),
    "p.yaml",
  );

  assert.deepEqual(policy.auth, {
    scheme: "oauth2ClientCredentials",
    tokenUrl: "https://auth.github.com/token",
    clientId: { env: "CLIENT_ID" },
    clientSecret: { env: "CLIENT_SECRET" },
    scopes: [],
    clientAuthentication: "basic",
  });
});

test("oauth2 token endpoint on loopback http", () => {
  const policy = parsePolicy(
    policyWith({
      baseUrl: "http://127.0.0.1:8080",
      allowInsecureHttp: "true",
      allowedHosts: '["127.0.0.1:8080", "127.0.0.1:9090"]',
      auth: oauth(
        `tokenUrl: "http://127.0.0.1:9090/token?tenant=a", ${SECRETS}, scopes: [read, "write:all"], clientAuthentication: body`,
      ),
    }),
    "p.yaml",
  );

  assert.deepEqual(toRuntimeConfig(policy).auth, {
    scheme: "oauth2ClientCredentials",
    tokenUrl: "http://127.0.0.1:9090/token?tenant=a",
    clientId: { env: "CLIENT_ID" },
    clientSecret: { env: "CLIENT_SECRET" },
    scopes: ["read", "write:all"],
    clientAuthentication: "body",
  });
});
