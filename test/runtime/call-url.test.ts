import assert from "node:assert/strict";
import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { z } from "zod";
import {
  VendorRuntime,
  isHostNotAllowedError,
  isRequestValidationError,
  isResponseValidationError,
  type ApiResponse,
  type OperationSpec,
  type RuntimeConfig,
} from "../../src/runtime/index.js";
import { InsecureRequestError } from "../../src/runtime/errors.js";
import {
  createTestCertificates,
  startHttpsServer,
  type RecordedRequest,
  type TestCertificates,
  type TestServer,
} from "../support/https-server.js";
import { jsonResponse, Pet, sendJson, testConfig, testEnv } from "./fixtures.js";

const PetPage = z.strictObject({ items: z.array(Pet), next: z.string().nullable() });

const listPets: OperationSpec = {
  operationId: "listPets",
  method: "GET",
  path: "/pets",
  parameters: [],
  responses: [jsonResponse("200", PetPage)],
  auth: true,
};

/** Responds to `/pets` with a page whose next link is `next`, and to other paths with the last page. */
function servePages(server: TestServer, next: string) {
  server.handle((request, response) => {
    if (request.url === "/pets") {
      sendJson(response, 200, { items: [{ id: 1, name: "Rex" }], next });
    } else {
      sendJson(response, 200, { items: [{ id: 2, name: "Fido" }], next: null });
    }
  });
}

describe("callUrl", () => {
  let certificates: TestCertificates;
  let server: TestServer;
  let otherServer: TestServer;
  let listener: Server;
  let listenerPort: number;
  let connections = 0;
  const runtimes: VendorRuntime[] = [];

  before(async () => {
    certificates = createTestCertificates();
    server = await startHttpsServer(certificates);
    otherServer = await startHttpsServer(certificates);
    // Counts TCP connections, so a test can prove that a rejected URL opened none.
    listener = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    listenerPort = (listener.address() as AddressInfo).port;
  });

  after(async () => {
    await Promise.all(runtimes.map((runtime) => runtime.close()));
    await server.close();
    await otherServer.close();
    await new Promise((resolve) => listener.close(resolve));
    certificates.remove();
  });

  function createRuntime(changes: Partial<RuntimeConfig> = {}) {
    const runtime = new VendorRuntime(testConfig(server.origin, changes), {
      ca: certificates.caPem,
      env: testEnv,
    });
    runtimes.push(runtime);
    return runtime;
  }

  async function callError(runtime: VendorRuntime, url: string): Promise<unknown> {
    return runtime.callUrl(listPets, url).catch((caught: unknown) => caught);
  }

  test("next link on the pinned origin is followed", async () => {
    const runtime = createRuntime();
    servePages(server, `${server.origin}/pets?cursor=abc%2F1`);

    const first = await runtime.call<ApiResponse<200, z.infer<typeof PetPage>>>(listPets);
    const second = await runtime.callUrl<ApiResponse<200, z.infer<typeof PetPage>>>(
      listPets,
      first.data.next!,
    );

    assert.deepEqual(second.data, { items: [{ id: 2, name: "Fido" }], next: null });
    const sent = server.requests.at(-1) as RecordedRequest;
    assert.equal(sent.url, "/pets?cursor=abc%2F1");
    assert.equal(sent.headers.authorization, `Bearer ${testEnv.TEST_TOKEN}`);
  });

  test("followed response is validated", async () => {
    const runtime = createRuntime();
    server.handle((_request, response) => sendJson(response, 200, { items: "none" }));

    const error = await callError(runtime, `${server.origin}/pets?cursor=2`);

    assert.ok(isResponseValidationError(error));
    assert.equal(error.url, `${server.origin}/pets`);
  });

  test("host not in allowedHosts opens no connection", async () => {
    const runtime = createRuntime();
    const before = connections;

    const error = await callError(runtime, `https://127.0.0.1:${listenerPort}/pets?token=SECRET`);

    assert.ok(isHostNotAllowedError(error), `got ${String(error)}`);
    assert.equal(error.host, `127.0.0.1:${listenerPort}`);
    assert.equal(error.attempts, 0);
    assert.doesNotMatch(error.message, /SECRET/);
    assert.equal(connections, before);
  });

  test("same host on another port rejected", async () => {
    const runtime = createRuntime();
    const pinnedPort = new URL(server.origin).port;
    const before = server.requests.length;

    const byName = await callError(runtime, `https://localhost:${pinnedPort}/pets`);
    const byPort = await callError(runtime, `https://127.0.0.1:${listenerPort}/pets`);

    assert.ok(isHostNotAllowedError(byName));
    assert.ok(isHostNotAllowedError(byPort));
    assert.equal(server.requests.length, before);
  });

  test("http rejected even to an allowed host", async () => {
    const runtime = createRuntime({
      allowInsecureHttp: true,
      allowedHosts: [`127.0.0.1:${listenerPort}`],
    });
    const before = connections;

    const error = await callError(runtime, `http://127.0.0.1:${listenerPort}/pets`);

    assert.ok(error instanceof InsecureRequestError, `got ${String(error)}`);
    assert.ok(isHostNotAllowedError(error));
    assert.equal(connections, before);
  });

  test("other schemes, relative URLs and user info rejected", async () => {
    const runtime = createRuntime();

    const file = await callError(runtime, "file:///etc/passwd");
    const relative = await callError(runtime, "/pets?cursor=2");
    const userInfo = await callError(
      runtime,
      `https://user:pw@${new URL(server.origin).host}/pets`,
    );

    assert.ok(isHostNotAllowedError(file), `got ${String(file)}`);
    assert.ok(isRequestValidationError(relative), `got ${String(relative)}`);
    assert.match(relative.message, /not an absolute URL/);
    assert.ok(isRequestValidationError(userInfo), `got ${String(userInfo)}`);
    assert.doesNotMatch(userInfo.message, /pw/);
  });

  test("allowed other host gets no bearer token", async () => {
    const runtime = createRuntime({ allowedHosts: [new URL(otherServer.origin).host] });
    otherServer.handle((_request, response) => sendJson(response, 200, { items: [], next: null }));

    const result = await runtime.callUrl<ApiResponse>(listPets, `${otherServer.origin}/pets?p=2`);

    assert.equal(result.status, 200);
    const sent = otherServer.requests.at(-1) as RecordedRequest;
    assert.equal(sent.url, "/pets?p=2");
    assert.equal(sent.headers.authorization, undefined);
  });

  test("allowed other host gets no API key", async () => {
    const otherHost = new URL(otherServer.origin).host;
    const cases: RuntimeConfig["auth"][] = [
      { scheme: "apiKey", in: "query", name: "api_key", secret: { env: "TEST_TOKEN" } },
      { scheme: "apiKey", in: "cookie", name: "session", secret: { env: "TEST_TOKEN" } },
      { scheme: "apiKey", in: "header", name: "X-Api-Key", secret: { env: "TEST_TOKEN" } },
    ];
    otherServer.handle((_request, response) => sendJson(response, 200, { items: [], next: null }));
    for (const auth of cases) {
      const runtime = createRuntime({ auth, allowedHosts: [otherHost] });

      await runtime.callUrl(listPets, `${otherServer.origin}/pets?p=2`);

      const sent = otherServer.requests.at(-1) as RecordedRequest;
      assert.equal(sent.url, "/pets?p=2", JSON.stringify(auth));
      assert.equal(sent.headers.cookie, undefined, JSON.stringify(auth));
      assert.equal(sent.headers["x-api-key"], undefined, JSON.stringify(auth));
    }
  });

  test("API key added to the pinned link's query", async () => {
    const runtime = createRuntime({
      auth: { scheme: "apiKey", in: "query", name: "api_key", secret: { env: "TEST_TOKEN" } },
    });
    servePages(server, "unused");

    await runtime.callUrl(listPets, `${server.origin}/pets?cursor=2`);

    const sent = server.requests.at(-1) as RecordedRequest;
    assert.equal(sent.url, `/pets?cursor=2&api_key=${testEnv.TEST_TOKEN}`);
  });
});
