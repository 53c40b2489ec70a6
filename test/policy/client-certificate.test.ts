import assert from "node:assert/strict";
import { test } from "node:test";
import { parsePolicy } from "../../src/policy/load.js";
import { toRuntimeConfig } from "../../src/policy/runtime-config.js";
import { assertSingleProblem, policyWith, type InvalidCase } from "./policy-text.js";

const PEM_KEY =
  "-----BEGIN PRIVATE KEY-----MIGHAgEAMBMGByqGSM49AgEGCCqGSM49-----END PRIVATE KEY-----";

const INVALID: Record<string, InvalidCase> = {
  "key missing": {
    keys: { tls: "{ clientCertificate: { cert: { file: client.pem } } }" },
    path: "tls.clientCertificate.key",
    fragment: "required key is missing",
  },
  "cert missing": {
    keys: { tls: "{ clientCertificate: { key: { env: CLIENT_KEY } } }" },
    path: "tls.clientCertificate.cert",
    fragment: "required key is missing",
  },
  "key as a literal": {
    keys: { tls: `{ clientCertificate: { cert: { file: client.pem }, key: "${PEM_KEY}" } }` },
    path: "tls.clientCertificate.key",
    fragment:
      "tls.clientCertificate.key must name where the private key comes from ({ file: PATH }, { env: NAME } or { provider: NAME }), because a literal secret in the policy would end up in the repository",
  },
  "key as an env reference": {
    keys: { tls: '{ clientCertificate: { cert: { file: client.pem }, key: "$CLIENT_KEY" } }' },
    path: "tls.clientCertificate.key",
    fragment: "write { env: CLIENT_KEY }",
  },
  "key with two sources": {
    keys: {
      tls: "{ clientCertificate: { cert: { file: c.pem }, key: { file: k.pem, env: KEY } } }",
    },
    path: "tls.clientCertificate.key",
    fragment: "expected exactly one of file, env, provider",
  },
  "key env holding PEM text": {
    keys: { tls: `{ clientCertificate: { cert: { file: c.pem }, key: { env: "${PEM_KEY}" } } }` },
    path: "tls.clientCertificate.key.env",
    fragment: "not shown because it may be a secret",
  },
  "cert from a provider": {
    keys: {
      tls: "{ clientCertificate: { cert: { provider: certProvider }, key: { env: KEY } } }",
    },
    path: "tls.clientCertificate.cert.provider",
    fragment: 'unknown key "provider". Allowed keys: file, env',
  },
  "unknown key": {
    keys: {
      tls: "{ clientCertificate: { cert: { file: c.pem }, key: { env: KEY }, passphrase: x } }",
    },
    path: "tls.clientCertificate.passphrase",
    fragment: "Allowed keys: cert, key",
  },
};

for (const [name, invalid] of Object.entries(INVALID)) {
  test(`clientCertificate rejects ${name}`, () => {
    assertSingleProblem(invalid);
  });
}

test("clientCertificate key never shown", () => {
  for (const name of ["key as a literal", "key env holding PEM text"]) {
    const error = assertSingleProblem(INVALID[name]!);

    assert.doesNotMatch(error.message, /BEGIN|MIGHAgEA/, name);
  }
});

test("clientCertificate absent by default", () => {
  const policy = parsePolicy(policyWith(), "p.yaml");

  assert.equal("clientCertificate" in policy.tls, false);
  assert.equal("clientCertificate" in toRuntimeConfig(policy).tls, false);
});

test("clientCertificate sources mapped", () => {
  const sources: Array<[string, unknown]> = [
    ["{ file: certs/client.key }", { file: "certs/client.key" }],
    ["{ env: CLIENT_KEY }", { env: "CLIENT_KEY" }],
    ["{ provider: clientKey }", { provider: "clientKey" }],
  ];
  for (const [yaml, expected] of sources) {
    const policy = parsePolicy(
      policyWith({ tls: `{ clientCertificate: { cert: { env: CLIENT_CERT }, key: ${yaml} } }` }),
      "p.yaml",
    );

    assert.deepEqual(toRuntimeConfig(policy).tls.clientCertificate, {
      cert: { env: "CLIENT_CERT" },
      key: expected,
    });
  }
});
