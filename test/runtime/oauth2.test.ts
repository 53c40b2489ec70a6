import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { inspect } from "node:util";
import { after, before, beforeEach, describe, test } from "node:test";
import {
  VendorRuntime,
  isHostNotAllowedError,
  isHttpStatusError,
  isTokenRequestError,
  type ApiResponse,
  type OAuth2ClientCredentialsConfig,
  type RuntimeConfig,
} from "../../src/runtime/index.js";
import {
  createTestCertificates,
  startHttpsServer,
  type RecordedRequest,
  type TestCertificates,
  type TestServer,
} from "../support/https-server.js";
import { collectEvents, getPet, sendJson, testConfig } from "./fixtures.js";

const env = { CLIENT_ID: "pet app", CLIENT_SECRET: "s3cr:et/+CLIENTSECRET" };

describe("OAuth 2.0 client credentials", () => {
  let certificates: TestCertificates;
  let api: TestServer;
  let tokens: TestServer;
  const runtimes: VendorRuntime[] = [];
  /** Tokens the API accepts; the token server adds each token it issues. */
  const validTokens = new Set<string>();
  let issued = 0;
  let expiresIn: number | undefined = 3600;
  let tokenDelayMs = 0;

  before(async () => {
    certificates = createTestCertificates();
    api = await startHttpsServer(certificates);
    tokens = await startHttpsServer(certificates);
  });

  beforeEach(() => {
    expiresIn = 3600;
    tokenDelayMs = 0;
    api.handle((request, response) => {
      const token = request.headers.authorization?.replace(/^Bearer /, "") ?? "";
      if (validTokens.has(token)) {
        sendJson(response, 200, { id: 1, name: "Rex" });
      } else {
        sendJson(response, 401, { message: "invalid token" });
      }
    });
    tokens.handle((_request, response) => {
      issued += 1;
      const token = `tok-${issued}-SECRETTOKEN`;
      validTokens.add(token);
      const body = { access_token: token, token_type: "Bearer", expires_in: expiresIn };
      setTimeout(() => sendJson(response, 200, body), tokenDelayMs);
    });
  });

  after(async () => {
    await Promise.all(runtimes.map((runtime) => runtime.close()));
    await api.close();
    await tokens.close();
    certificates.remove();
  });

  function createRuntime(
    auth: Partial<OAuth2ClientCredentialsConfig> = {},
    changes: Partial<RuntimeConfig> = {},
    onEvent?: ReturnType<typeof collectEvents>["onEvent"],
  ) {
    const config = testConfig(api.origin, {
      allowedHosts: [new URL(tokens.origin).host],
      auth: {
        scheme: "oauth2ClientCredentials",
        tokenUrl: `${tokens.origin}/oauth/token`,
        clientId: { env: "CLIENT_ID" },
        clientSecret: { env: "CLIENT_SECRET" },
        scopes: ["pets:read", "pets:write"],
        clientAuthentication: "basic",
        ...auth,
      },
      ...changes,
    });
    const runtime = new VendorRuntime(config, { ca: certificates.caPem, env, onEvent });
    runtimes.push(runtime);
    return runtime;
  }

  function lastTokenRequest(): RecordedRequest {
    return tokens.requests.at(-1)!;
  }

  test("token requested with basic credentials", async () => {
    const runtime = createRuntime();

    const result = await runtime.call<ApiResponse>(getPet, { path: { id: 1 } });

    assert.equal(result.status, 200);
    const request = lastTokenRequest();
    assert.equal(request.method, "POST");
    assert.equal(request.url, "/oauth/token");
    assert.equal(request.headers["content-type"], "application/x-www-form-urlencoded");
    assert.equal(request.body, "grant_type=client_credentials&scope=pets%3Aread+pets%3Awrite");
    // RFC 6749 form-encodes ID and secret before joining them, so ":" in the secret is %3A.
    const basic = Buffer.from("pet+app:s3cr%3Aet%2F%2BCLIENTSECRET").toString("base64");
    assert.equal(request.headers.authorization, `Basic ${basic}`);
    assert.equal(api.requests.at(-1)?.headers.authorization, `Bearer tok-${issued}-SECRETTOKEN`);
  });

  test("token requested with credentials in the body", async () => {
    const runtime = createRuntime({ clientAuthentication: "body", scopes: [] });

    await runtime.call(getPet, { path: { id: 1 } });

    const request = lastTokenRequest();
    assert.equal(request.headers.authorization, undefined);
    const form = new URLSearchParams(request.body);
    assert.deepEqual([...form.keys()], ["grant_type", "client_id", "client_secret"]);
    assert.equal(form.get("client_id"), env.CLIENT_ID);
    assert.equal(form.get("client_secret"), env.CLIENT_SECRET);
  });

  test("concurrent calls share one token request", async () => {
    const runtime = createRuntime();
    tokenDelayMs = 100;
    const before = tokens.requests.length;

    const results = await Promise.all(
      Array.from({ length: 10 }, (_, id) => runtime.call<ApiResponse>(getPet, { path: { id } })),
    );

    assert.ok(results.every((result) => result.status === 200));
    assert.equal(tokens.requests.length - before, 1);
  });

  test("token reused until shortly before expiry", async () => {
    const runtime = createRuntime();
    // A lifetime of 4 s is used for 3 s: the last quarter of a short lifetime is a margin. The
    // two calls have those 3 s, so a slow machine still makes both before the token is renewed.
    expiresIn = 4;
    const before = tokens.requests.length;

    await runtime.call(getPet, { path: { id: 1 } });
    await runtime.call(getPet, { path: { id: 2 } });
    const afterTwoCalls = tokens.requests.length - before;
    await sleep(3_300);
    await runtime.call(getPet, { path: { id: 3 } });

    assert.equal(afterTwoCalls, 1);
    assert.equal(tokens.requests.length - before, 2);
  });

  test("401 drops the cached token", async () => {
    const runtime = createRuntime();
    await runtime.call(getPet, { path: { id: 1 } });
    validTokens.clear();
    const before = tokens.requests.length;

    const rejected = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);
    const result = await runtime.call<ApiResponse>(getPet, { path: { id: 1 } });

    assert.ok(isHttpStatusError(rejected));
    assert.equal(rejected.status, 401);
    assert.equal(result.status, 200);
    assert.equal(tokens.requests.length - before, 1);
  });

  test("token endpoint error is a TokenRequestError", async () => {
    const runtime = createRuntime();
    tokens.handle((_request, response) =>
      sendJson(response, 401, { error: "invalid_client", error_description: "secret s3cr" }),
    );
    const before = api.requests.length;

    const error = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);

    assert.ok(isTokenRequestError(error), `got ${String(error)}`);
    assert.equal(error.status, 401);
    assert.equal(error.oauthError, "invalid_client");
    assert.equal(error.url, `${tokens.origin}/oauth/token`);
    assert.match(error.message, /endpoint returned status 401 \(invalid_client\)/);
    assert.doesNotMatch(JSON.stringify(error), /s3cr|CLIENTSECRET/);
    assert.equal(api.requests.length, before);
  });

  test("unusable token responses rejected", async () => {
    const bodies: Array<[unknown, RegExp]> = [
      [{ access_token: 5, token_type: "Bearer" }, /access_token is missing/],
      [{ access_token: "a b", token_type: "Bearer" }, /visible ASCII/],
      [{ access_token: "abc", token_type: "mac" }, /token_type is not Bearer/],
      [{ access_token: "abc", token_type: "bearer", expires_in: -5 }, /expires_in/],
      [["abc"], /not a JSON object/],
    ];
    for (const [body, reason] of bodies) {
      const runtime = createRuntime();
      tokens.handle((_request, response) => sendJson(response, 200, body));

      const error = await runtime
        .call(getPet, { path: { id: 1 } })
        .catch((caught: unknown) => caught);

      assert.ok(isTokenRequestError(error), `got ${String(error)}`);
      assert.match(error.message, reason);
    }
  });

  test("token endpoint outside allowedHosts rejected", async () => {
    const runtime = createRuntime({}, { allowedHosts: [] });
    const before = tokens.requests.length;

    const error = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);

    assert.ok(isTokenRequestError(error), `got ${String(error)}`);
    assert.ok(isHostNotAllowedError(error.cause));
    assert.equal(tokens.requests.length, before);
  });

  test("token never in errors, events or inspect", async () => {
    const { events, onEvent } = collectEvents();
    const runtime = createRuntime({}, {}, onEvent);
    await runtime.call(getPet, { path: { id: 1 } });
    api.handle((_request, response) => sendJson(response, 500, { message: "down" }));

    const error = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);

    assert.ok(isHttpStatusError(error));
    const outputs = [
      JSON.stringify(error),
      inspect(error, { depth: 10, showHidden: true }),
      JSON.stringify(events),
      inspect(runtime, { depth: 10, showHidden: true }),
      JSON.stringify(runtime),
    ];
    for (const output of outputs) {
      assert.doesNotMatch(output, /SECRETTOKEN|CLIENTSECRET/);
    }
  });
});
