import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isRequestValidationError } from "../../src/runtime/error-guards.js";
import type { ErrorContext } from "../../src/runtime/errors.js";
import type { RequestBodySpec } from "../../src/runtime/operation.js";
import { serialiseRequestBody } from "../../src/runtime/request-body.js";

const context: ErrorContext = {
  vendor: "testvendor",
  operationId: "op",
  method: "POST",
  url: "https://api.test/upload",
  attempts: 0,
};

function spec(
  kind: RequestBodySpec["kind"],
  mediaType: string,
  extra: Partial<RequestBodySpec> = {},
): RequestBodySpec {
  return { kind, mediaType, required: true, ...extra };
}

describe("request bodies", () => {
  test("json", async () => {
    const body = await serialiseRequestBody(
      spec("json", "application/json"),
      { a: [1, "x"] },
      context,
    );
    assert.equal(body?.content, '{"a":[1,"x"]}');
    assert.equal(body?.contentType, "application/json");
  });

  test("json keeps a +json media type", async () => {
    const body = await serialiseRequestBody(
      spec("json", "application/merge-patch+json"),
      {},
      context,
    );
    assert.equal(body?.contentType, "application/merge-patch+json");
  });

  test("form", async () => {
    const body = await serialiseRequestBody(
      spec("form", "application/x-www-form-urlencoded"),
      { a: "x y", b: [1, 2], c: undefined },
      context,
    );
    assert.equal(body?.content, "a=x+y&b=1&b=2");
    assert.equal(body?.contentType, "application/x-www-form-urlencoded");
  });

  test("multipart files, arrays and JSON parts", async () => {
    const multipart = spec("multipart", "multipart/form-data", { jsonFields: ["meta"] });
    const file = new File(["hello"], "hello.txt", { type: "text/plain" });
    const value = { file, tags: ["a", "b"], meta: { x: 1 }, count: 3 };

    const body = await serialiseRequestBody(multipart, value, context);

    assert.ok(body !== undefined);
    assert.match(body.contentType, /^multipart\/form-data; boundary=\S+$/);
    const parsed = await new Response(body.content, {
      headers: { "content-type": body.contentType },
    }).formData();
    const sentFile = parsed.get("file");
    assert.ok(sentFile instanceof Blob);
    assert.equal((sentFile as File).name, "hello.txt");
    assert.equal(await sentFile.text(), "hello");
    assert.deepEqual(parsed.getAll("tags"), ["a", "b"]);
    const meta = parsed.get("meta");
    assert.ok(meta instanceof Blob);
    assert.equal(meta.type, "application/json");
    assert.equal(await meta.text(), '{"x":1}');
    assert.equal(parsed.get("count"), "3");
  });

  test("text", async () => {
    const body = await serialiseRequestBody(spec("text", "text/plain"), "hi", context);
    assert.deepEqual(body, { content: "hi", contentType: "text/plain" });
  });

  test("binary from Uint8Array and Blob", async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const fromBytes = await serialiseRequestBody(
      spec("binary", "application/octet-stream"),
      bytes,
      context,
    );
    const fromBlob = await serialiseRequestBody(
      spec("binary", "*/*"),
      new Blob([bytes], { type: "image/png" }),
      context,
    );
    assert.deepEqual(fromBytes?.content, bytes);
    assert.deepEqual(fromBlob?.content, bytes);
    assert.equal(fromBlob?.contentType, "image/png");
  });

  test("binary rejects a string", async () => {
    await assert.rejects(
      serialiseRequestBody(spec("binary", "application/octet-stream"), "x", context),
      isRequestValidationError,
    );
  });

  test("missing required body", async () => {
    await assert.rejects(
      serialiseRequestBody(spec("json", "application/json"), undefined, context),
      isRequestValidationError,
    );
  });

  test("optional body may be absent", async () => {
    const body = await serialiseRequestBody(
      spec("json", "application/json", { required: false }),
      undefined,
      context,
    );
    assert.equal(body, undefined);
  });
});
