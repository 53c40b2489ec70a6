/**
 * diffDocuments on two small versions of one document, loaded and modelled by the real loader.
 */
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import type { ApiChange } from "../../src/ci/api-diff.js";
import { diffDocuments } from "../../src/ci/diff-documents.js";
import { makeOutputDir, writeDefaultPolicy } from "../support/paths.js";

const work = makeOutputDir("api-diff");
after(() => rmSync(work, { recursive: true, force: true }));

const ORDER_V1 = `{ type: object, required: [id, status], properties: { id: { type: integer }, status: { type: string, enum: [open, paid] }, note: { type: string } } }`;
const ORDER_V2 = `{ type: object, required: [id, status], properties: { id: { type: integer }, status: { type: string, enum: [open, paid, refunded] }, note: { type: string, nullable: true }, currency: { type: string } } }`;

function document(version: 1 | 2): string {
  const order = version === 1 ? ORDER_V1 : ORDER_V2;
  const orderResponse = `{ description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/Order' } } } }`;
  return [
    "openapi: 3.0.3",
    `info: { title: Shop, version: '${version}.0' }`,
    version === 1
      ? "servers: [{ url: https://api.shop.example }, { url: https://eu.shop.example }]"
      : "servers: [{ url: https://api.shop.example }]",
    "components:",
    "  securitySchemes:",
    "    token: { type: http, scheme: bearer }",
    `    key: { type: apiKey, in: header, name: ${version === 1 ? "X-Key" : "X-Api-Key"} }`,
    version === 2
      ? "    oauth: { type: oauth2, flows: { clientCredentials: { tokenUrl: 'https://auth.shop.example/token', scopes: {} } } }"
      : "",
    "  schemas:",
    `    Order: ${order}`,
    "paths:",
    "  /orders:",
    "    get:",
    "      operationId: listOrders",
    version === 1
      ? "      parameters: [{ name: limit, in: query, schema: { type: integer } }]"
      : "      parameters: [{ name: limit, in: query, schema: { type: string } }, { name: shop, in: query, required: true, schema: { type: string } }]",
    "      responses: { '200': { description: ok, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/Order' } } } } } }",
    "    post:",
    "      operationId: createOrder",
    version === 1
      ? "      requestBody: { required: true, content: { application/json: { schema: { type: object, required: [item], properties: { item: { type: string } } } } } }"
      : "      requestBody: { required: true, content: { application/json: { schema: { type: object, required: [item, quantity], properties: { item: { type: string }, quantity: { type: integer } } } } } }",
    version === 1
      ? `      responses: { '201': ${orderResponse} }`
      : `      responses: { '201': ${orderResponse}, '202': { description: queued } }`,
    "  /orders/{id}:",
    "    get:",
    `      operationId: ${version === 1 ? "getOrder" : "fetchOrder"}`,
    "      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]",
    `      responses: { '200': ${orderResponse} }`,
    "    delete:",
    "      operationId: deleteOrder",
    "      parameters: [{ name: id, in: path, required: true, schema: { type: integer } }]",
    "      responses: { '204': { description: deleted } }",
    version === 1
      ? "  /legacy:\n    get: { operationId: legacyThing, responses: { '204': { description: none } } }"
      : "",
    version === 2
      ? "  /refunds:\n    get: { operationId: listRefunds, responses: { '204': { description: none } } }"
      : "",
    "",
  ].join("\n");
}

const oldSpec = path.join(work, "shop-v1.yaml");
const newSpec = path.join(work, "shop-v2.yaml");
writeFileSync(oldSpec, document(1));
writeFileSync(newSpec, document(2));

function find(
  changes: ApiChange[],
  kind: string,
  where: Partial<{ operationId: string; location: string; schemaPath: string }> = {},
): ApiChange {
  const found = changes.find(
    (change) =>
      change.kind === kind &&
      (where.operationId === undefined || change.operation?.operationId === where.operationId) &&
      (where.location === undefined || change.location === where.location) &&
      (where.schemaPath === undefined || change.schemaPath === where.schemaPath),
  );
  assert.ok(
    found,
    `no ${kind} change at ${JSON.stringify(where)} in:\n${changes.map((change) => JSON.stringify(change)).join("\n")}`,
  );
  return found;
}

const report = await diffDocuments({ oldSpecPath: oldSpec, newSpecPath: newSpec });

test("operations added, removed and renamed", () => {
  assert.equal(
    find(report.changes, "operation-added", { operationId: "listRefunds" }).severity,
    "non-breaking",
  );
  assert.equal(
    find(report.changes, "operation-removed", { operationId: "legacyThing" }).severity,
    "breaking",
  );
  const renamed = find(report.changes, "operation-renamed", { operationId: "getOrder" });
  assert.equal(renamed.severity, "breaking");
  assert.match(
    renamed.message,
    /operationId changed to "fetchOrder", so the client method becomes fetchOrder/,
  );
});

test("parameters added and retyped", () => {
  const added = find(report.changes, "parameter-added", {
    operationId: "listOrders",
    location: "query parameter shop",
  });
  assert.equal(added.severity, "breaking");
  const retyped = find(report.changes, "type-changed", {
    operationId: "listOrders",
    location: "query parameter limit",
  });
  assert.equal(retyped.severity, "breaking");
});

test("request body gains a required property", () => {
  const change = find(report.changes, "property-added", {
    operationId: "createOrder",
    location: "request body",
    schemaPath: "body.quantity",
  });
  assert.equal(change.severity, "breaking");
});

test("response schema changes from the consumer side", () => {
  const currency = find(report.changes, "property-added", {
    operationId: "getOrder",
    location: "response 200",
    schemaPath: "body.currency",
  });
  assert.equal(currency.severity, "breaking");
  assert.deepEqual(currency.component, { key: "Order", path: ".currency" });
  assert.equal(
    find(report.changes, "enum-value-added", { operationId: "getOrder", schemaPath: "body.status" })
      .severity,
    "breaking",
  );
  assert.equal(
    find(report.changes, "became-nullable", { operationId: "getOrder", schemaPath: "body.note" })
      .severity,
    "breaking",
  );
  assert.equal(
    find(report.changes, "property-added", {
      operationId: "listOrders",
      schemaPath: "body[].currency",
    }).severity,
    "breaking",
  );
});

test("new success status is breaking", () => {
  const change = find(report.changes, "response-added", {
    operationId: "createOrder",
    location: "response 202",
  });
  assert.equal(change.severity, "breaking");
});

test("unchanged operation reports nothing", () => {
  assert.equal(
    report.changes.filter((change) => change.operation?.operationId === "deleteOrder").length,
    0,
  );
});

test("servers and security schemes", () => {
  assert.equal(find(report.changes, "server-removed").severity, "breaking");
  assert.match(find(report.changes, "server-removed").message, /https:\/\/eu\.shop\.example/);
  const key = find(report.changes, "security-scheme-changed", { location: "security scheme key" });
  assert.equal(key.severity, "breaking");
  assert.match(key.message, /X-Key.*X-Api-Key/);
  assert.equal(
    find(report.changes, "security-scheme-added", { location: "security scheme oauth" }).severity,
    "non-breaking",
  );
  assert.ok(!report.changes.some((change) => change.location === "security scheme token"));
});

test("summary counts", () => {
  assert.equal(report.summary.operationsAdded, 1);
  assert.equal(report.summary.operationsRemoved, 1);
  assert.equal(report.summary.breaking + report.summary.nonBreaking, report.changes.length);
  assert.equal(report.old.version, "1.0");
  assert.equal(report.new.version, "2.0");
  assert.match(report.old.sha256, /^[0-9a-f]{64}$/);
});

test("policy limits the operations and sets unknownKeys", async () => {
  const policy = writeDefaultPolicy(
    path.join(work, "shop.policy.yaml"),
    "Shop",
    "unknownKeys: strip\noperations:\n  include: [listOrders, legacyThing]",
  );
  const scoped = await diffDocuments({
    oldSpecPath: oldSpec,
    newSpecPath: newSpec,
    policyPath: policy,
  });

  const operations = new Set(
    scoped.changes.flatMap((change) => (change.operation ? [change.operation.operationId] : [])),
  );
  assert.deepEqual([...operations].sort(), ["legacyThing", "listOrders"]);
  assert.equal(
    find(scoped.changes, "property-added", { schemaPath: "body[].currency" }).severity,
    "non-breaking",
  );
  assert.equal(scoped.policy, policy);
  assert.equal(scoped.old.operations, 2);
  // The policy pins https://api.example.com, so the removed EU server does not break it.
  assert.equal(find(scoped.changes, "server-removed").severity, "non-breaking");
});

test("--all with a policy compares every operation", async () => {
  const policy = writeDefaultPolicy(
    path.join(work, "all.policy.yaml"),
    "Shop",
    "operations:\n  include: [listOrders]",
  );
  const everything = await diffDocuments({
    oldSpecPath: oldSpec,
    newSpecPath: newSpec,
    policyPath: policy,
    all: true,
  });
  assert.equal(everything.old.operations, 5);
  assert.equal(everything.policy, undefined);
  assert.ok(everything.changes.some((change) => change.operation?.operationId === "listRefunds"));
});
