import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ErrorContext } from "../../src/runtime/errors.js";
import { isRequestValidationError } from "../../src/runtime/error-guards.js";
import type { OperationSpec, ParameterSpec, ParameterStyle } from "../../src/runtime/operation.js";
import { buildRequestTarget, parseBaseUrl } from "../../src/runtime/url.js";

const context: ErrorContext = {
  vendor: "testvendor",
  operationId: "op",
  method: "GET",
  url: "https://api.test/",
  attempts: 0,
};
const base = parseBaseUrl("https://api.test/v1/");

function parameter(
  name: string,
  where: ParameterSpec["in"],
  style: ParameterStyle,
  explode: boolean,
): ParameterSpec {
  return { name, in: where, required: false, style, explode };
}

function operation(path: string, parameters: ParameterSpec[]): OperationSpec {
  return { operationId: "op", method: "GET", path, parameters, responses: [], auth: false };
}

function queryOf(spec: ParameterSpec, value: unknown): string {
  const target = buildRequestTarget(
    base,
    operation("/items", [spec]),
    { query: { [spec.name]: value } },
    [],
    context,
  );
  return target.path.slice("/v1/items".length);
}

describe("query serialisation", () => {
  const cases: Array<[string, ParameterSpec, unknown, string]> = [
    ["form explode array", parameter("tags", "query", "form", true), ["a", "b"], "?tags=a&tags=b"],
    ["form array", parameter("ids", "query", "form", false), [1, 2, 3], "?ids=1,2,3"],
    [
      "form explode object",
      parameter("f", "query", "form", true),
      { a: 1, b: "x y" },
      "?a=1&b=x%20y",
    ],
    ["form object", parameter("f", "query", "form", false), { a: 1, b: 2 }, "?f=a,1,b,2"],
    [
      "spaceDelimited",
      parameter("words", "query", "spaceDelimited", false),
      ["p", "q"],
      "?words=p%20q",
    ],
    [
      "pipeDelimited",
      parameter("codes", "query", "pipeDelimited", false),
      ["x", "y"],
      "?codes=x|y",
    ],
    [
      "deepObject",
      parameter("a", "query", "deepObject", true),
      { b: "c", d: { e: 1 } },
      "?a[b]=c&a[d][e]=1",
    ],
    ["reserved characters", parameter("q", "query", "form", true), "a&b=c#d", "?q=a%26b%3Dc%23d"],
    ["boolean", parameter("flag", "query", "form", true), false, "?flag=false"],
    ["undefined omitted", parameter("q", "query", "form", true), undefined, ""],
    ["null omitted", parameter("q", "query", "form", true), null, ""],
    [
      "date",
      parameter("at", "query", "form", true),
      new Date("2025-01-02T03:04:05Z"),
      "?at=2025-01-02T03%3A04%3A05.000Z",
    ],
  ];
  for (const [name, spec, value, expected] of cases) {
    test(name, () => {
      assert.equal(queryOf(spec, value), expected);
    });
  }

  test("JSON content parameter", () => {
    const spec: ParameterSpec = { ...parameter("filter", "query", "form", true), json: true };
    assert.equal(queryOf(spec, { a: [1] }), "?filter=%7B%22a%22%3A%5B1%5D%7D");
  });

  test("required query parameter missing", () => {
    const spec: ParameterSpec = { ...parameter("q", "query", "form", true), required: true };
    assert.throws(() => queryOf(spec, undefined), isRequestValidationError);
  });

  test("nested array in form style is rejected", () => {
    assert.throws(
      () => queryOf(parameter("q", "query", "form", true), [["a"]]),
      isRequestValidationError,
    );
  });

  test("extra pairs are appended and encoded", () => {
    const target = buildRequestTarget(
      base,
      operation("/items", []),
      {},
      [["api key", "s&t"]],
      context,
    );
    assert.equal(target.path, "/v1/items?api%20key=s%26t");
    assert.equal(target.displayUrl, "https://api.test/v1/items");
  });
});

describe("path serialisation", () => {
  function pathOf(
    template: string,
    parameters: ParameterSpec[],
    values: Record<string, unknown>,
  ): string {
    return buildRequestTarget(base, operation(template, parameters), { path: values }, [], context)
      .path;
  }

  test("placeholders match by exact name", () => {
    const parameters = [
      parameter("doc", "path", "simple", false),
      parameter("doc.id", "path", "simple", false),
    ];
    assert.equal(pathOf("/d/{doc}/{doc.id}", parameters, { doc: "a", "doc.id": "b" }), "/v1/d/a/b");
  });

  test("simple, label and matrix styles", () => {
    const values = { s: ["a", "b"], l: ["a", "b"], m: ["a", "b"] };
    const parameters = [
      parameter("s", "path", "simple", false),
      parameter("l", "path", "label", false),
      parameter("m", "path", "matrix", true),
    ];
    assert.equal(pathOf("/{s}/{l}/{m}", parameters, values), "/v1/a,b/.a,b/;m=a;m=b");
  });

  test("simple exploded object", () => {
    const parameters = [parameter("o", "path", "simple", true)];
    assert.equal(pathOf("/{o}", parameters, { o: { a: 1, b: "/" } }), "/v1/a=1,b=%2F");
  });

  test("missing path parameter", () => {
    assert.throws(
      () => pathOf("/{id}", [parameter("id", "path", "simple", false)], {}),
      isRequestValidationError,
    );
  });

  test("placeholder without a parameter", () => {
    assert.throws(() => pathOf("/{id}", [], { id: 1 }), isRequestValidationError);
  });

  test("template leaving the origin is rejected", () => {
    assert.throws(
      () =>
        buildRequestTarget(
          parseBaseUrl("https://api.test"),
          operation("//evil.test/x", []),
          {},
          [],
          context,
        ),
      isRequestValidationError,
    );
  });

  test("base URL with a query string is rejected", () => {
    assert.throws(() => parseBaseUrl("https://api.test/?key=1"), TypeError);
  });
});
