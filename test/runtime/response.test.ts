import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { z } from "zod";
import {
  VendorRuntime,
  isContentTypeError,
  isHttpStatusError,
  isResponseValidationError,
  type ApiResponse,
  type OperationSpec,
} from "../../src/runtime/index.js";
import {
  createTestCertificates,
  startHttpsServer,
  type TestCertificates,
  type TestServer,
} from "../support/https-server.js";
import { collectEvents, getPet, jsonResponse, sendJson, testConfig, testEnv } from "./fixtures.js";

describe("response handling", () => {
  let certificates: TestCertificates;
  let server: TestServer;
  let runtime: VendorRuntime;
  const { events, onEvent } = collectEvents();

  before(async () => {
    certificates = createTestCertificates();
    server = await startHttpsServer(certificates);
    runtime = new VendorRuntime(testConfig(server.origin), {
      ca: certificates.caPem,
      env: testEnv,
      onEvent,
    });
  });

  after(async () => {
    await runtime.close();
    await server.close();
    certificates.remove();
  });

  test("valid JSON gives the typed result", async () => {
    server.handle((_request, response) =>
      sendJson(response, 200, { id: 7, name: "Rex" }, { "x-trace": "t1" }),
    );

    const result = await runtime.call<ApiResponse<200, { id: number; name: string }>>(getPet, {
      path: { id: 7 },
    });

    assert.equal(result.status, 200);
    assert.deepEqual(result.data, { id: 7, name: "Rex" });
    assert.equal(result.headers["x-trace"], "t1");
    assert.equal(server.requests.at(-1)?.url, "/pets/7");
    assert.equal(server.requests.at(-1)?.headers.authorization, `Bearer ${testEnv.TEST_TOKEN}`);
  });

  test("extra key fails a strict schema", async () => {
    server.handle((_request, response) =>
      sendJson(response, 200, { id: 7, name: "Rex", admin: true }),
    );

    const error = await runtime
      .call(getPet, { path: { id: 7 } })
      .catch((caught: unknown) => caught);

    assert.ok(isResponseValidationError(error));
    assert.equal(error.status, 200);
    assert.equal(error.issues[0]?.code, "unrecognized_keys");
    assert.equal(error.attempts, 1);
    assert.ok(events.some((event) => event.type === "validation_failure"));
  });

  test("validation issues never carry received values", async () => {
    server.handle((_request, response) =>
      sendJson(response, 200, { id: "received-value-xyz", name: 5 }),
    );

    const error = await runtime
      .call(getPet, { path: { id: 7 } })
      .catch((caught: unknown) => caught);

    assert.ok(isResponseValidationError(error));
    assert.deepEqual(
      error.issues.map((issue) => issue.path),
      [["id"], ["name"]],
    );
    assert.doesNotMatch(JSON.stringify(error), /received-value-xyz/);
    assert.doesNotMatch(error.message, /received-value-xyz/);
  });

  test("report mode returns invalid data", async () => {
    const reporting = new VendorRuntime(
      testConfig(server.origin, { operations: { getPet: { validation: "report" } } }),
      { ca: certificates.caPem, env: testEnv },
    );
    server.handle((_request, response) =>
      sendJson(response, 200, { id: 7, name: "Rex", admin: true }),
    );

    const result = await reporting.call<ApiResponse>(getPet, { path: { id: 7 } });

    assert.deepEqual(result.data, { id: 7, name: "Rex", admin: true });
    await reporting.close();
  });

  test("404 carries the validated error body", async () => {
    server.handle((_request, response) => sendJson(response, 404, { message: "no such pet" }));

    const error = await runtime
      .call(getPet, { path: { id: 8 } })
      .catch((caught: unknown) => caught);

    assert.ok(isHttpStatusError(error));
    assert.equal(error.status, 404);
    assert.deepEqual(error.body, { message: "no such pet" });
    assert.equal(error.attempts, 1);
  });

  test("error body failing its schema is left out", async () => {
    server.handle((_request, response) => sendJson(response, 404, { detail: 1 }));

    const error = await runtime
      .call(getPet, { path: { id: 8 } })
      .catch((caught: unknown) => caught);

    assert.ok(isHttpStatusError(error));
    assert.equal(error.body, undefined);
  });

  test("undeclared status is an HttpStatusError", async () => {
    server.handle((_request, response) => sendJson(response, 418, { message: "teapot" }));

    const error = await runtime
      .call(getPet, { path: { id: 8 } })
      .catch((caught: unknown) => caught);

    assert.ok(isHttpStatusError(error));
    assert.equal(error.status, 418);
    assert.equal(error.body, undefined);
  });

  test("2XX range and default specs are used", async () => {
    const operation: OperationSpec = {
      ...getPet,
      operationId: "rangePet",
      responses: [
        jsonResponse("2XX", z.object({ id: z.number() })),
        jsonResponse("default", z.object({ error: z.string() })),
      ],
    };
    server.handle((_request, response) => sendJson(response, 201, { id: 1 }));
    const result = await runtime.call<ApiResponse>(operation, { path: { id: 1 } });
    assert.equal(result.status, 201);

    server.handle((_request, response) => sendJson(response, 409, { error: "conflict" }));
    const error = await runtime
      .call(operation, { path: { id: 1 } })
      .catch((caught: unknown) => caught);
    assert.ok(isHttpStatusError(error));
    assert.deepEqual(error.body, { error: "conflict" });
  });

  test("204 with JSON content type is empty", async () => {
    const deletePet: OperationSpec = {
      ...getPet,
      operationId: "deletePet",
      method: "DELETE",
      responses: [{ status: "204", kind: "empty", mediaTypes: [] }],
    };
    server.handle((_request, response) => {
      response.writeHead(204, { "content-type": "application/json" });
      response.end();
    });

    const result = await runtime.call<ApiResponse>(deletePet, { path: { id: 7 } });

    assert.equal(result.status, 204);
    assert.equal(result.data, undefined);
  });

  test("wrong content type is a ContentTypeError", async () => {
    server.handle((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<html></html>");
    });

    const error = await runtime
      .call(getPet, { path: { id: 7 } })
      .catch((caught: unknown) => caught);

    assert.ok(isContentTypeError(error));
    assert.equal(error.received, "text/html");
  });

  test("+json content type with parameters is accepted", async () => {
    server.handle((_request, response) => {
      response.writeHead(200, { "content-type": "application/vnd.test+json; charset=utf-8" });
      response.end(JSON.stringify({ id: 1, name: "a" }));
    });

    const result = await runtime.call<ApiResponse>(getPet, { path: { id: 1 } });

    assert.deepEqual(result.data, { id: 1, name: "a" });
  });

  test("invalid JSON is a validation error", async () => {
    server.handle((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end("{not json");
    });

    const error = await runtime
      .call(getPet, { path: { id: 1 } })
      .catch((caught: unknown) => caught);

    assert.ok(isResponseValidationError(error));
    assert.equal(error.issues[0]?.code, "invalid_json");
  });

  test("__proto__ in a body leaves Object.prototype untouched", async () => {
    const loose: OperationSpec = {
      ...getPet,
      operationId: "loosePet",
      responses: [jsonResponse("200", z.looseObject({ id: z.number() }))],
    };
    const unvalidated: OperationSpec = {
      ...getPet,
      operationId: "rawPet",
      responses: [jsonResponse("200")],
    };
    const payload =
      '{"id":1,"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}';
    server.handle((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(payload);
    });

    const raw = await runtime.call<ApiResponse<200, Record<string, unknown>>>(unvalidated, {
      path: { id: 1 },
    });
    const validated = await runtime.call<ApiResponse>(loose, { path: { id: 1 } });
    await runtime.call(getPet, { path: { id: 1 } }).catch(() => undefined);

    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted"), false);
    assert.ok(Object.hasOwn(raw.data, "__proto__"));
    assert.equal(Object.getPrototypeOf(raw.data), Object.prototype);
    assert.equal(Object.getPrototypeOf(validated.data), Object.prototype);
  });
});
