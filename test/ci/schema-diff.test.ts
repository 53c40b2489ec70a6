import assert from "node:assert/strict";
import { test } from "node:test";
import { type Direction, SchemaComparer } from "../../src/ci/schema-diff.js";
import type { NamedSchema, ObjectNode, PropertyNode, SchemaNode } from "../../src/model/types.js";

const str: SchemaNode = { kind: "string" };
const int: SchemaNode = { kind: "number", integer: true };

function object(
  properties: PropertyNode[],
  additional: ObjectNode["additional"] = "unspecified",
): ObjectNode {
  return { kind: "object", properties, additional };
}

function prop(name: string, schema: SchemaNode, required = true): PropertyNode {
  return { name, required, schema };
}

function named(key: string, node: SchemaNode): NamedSchema {
  return {
    key,
    typeName: key,
    pointer: `#/components/schemas/${key}`,
    node,
    hasInputVariant: false,
    inputTypeName: key,
  };
}

/** Compares two nodes and returns `severity kind path` per change, sorted. */
function changes(
  before: SchemaNode,
  after: SchemaNode,
  direction: Direction,
  strictUnknownKeys = true,
  schemas: [NamedSchema[], NamedSchema[]] = [[], []],
): string[] {
  const comparer = new SchemaComparer(schemas[0], schemas[1], { strictUnknownKeys });
  return comparer
    .compare(before, after, direction)
    .map((change) => `${change.severity} ${change.kind} ${change.path}`.trimEnd())
    .sort();
}

interface Case {
  name: string;
  before: SchemaNode;
  after: SchemaNode;
  response: string[];
  request: string[];
}

const cases: Case[] = [
  {
    name: "new optional property",
    before: object([prop("id", int)]),
    after: object([prop("id", int), prop("name", str, false)]),
    response: ["breaking property-added .name"],
    request: ["non-breaking property-added .name"],
  },
  {
    name: "new required property",
    before: object([prop("id", int)]),
    after: object([prop("id", int), prop("name", str)]),
    response: ["breaking property-added .name"],
    request: ["breaking property-added .name"],
  },
  {
    name: "removed property",
    before: object([prop("id", int), prop("name", str, false)]),
    after: object([prop("id", int)]),
    response: ["breaking property-removed .name"],
    request: ["breaking property-removed .name"],
  },
  {
    name: "property becomes optional",
    before: object([prop("id", int)]),
    after: object([prop("id", int, false)]),
    response: ["breaking became-optional .id"],
    request: ["non-breaking became-optional .id"],
  },
  {
    name: "property becomes required",
    before: object([prop("id", int, false)]),
    after: object([prop("id", int)]),
    response: ["non-breaking became-required .id"],
    request: ["breaking became-required .id"],
  },
  {
    name: "property becomes nullable",
    before: object([prop("id", int)]),
    after: object([prop("id", { kind: "nullable", inner: int })]),
    response: ["breaking became-nullable .id"],
    request: ["non-breaking became-nullable .id"],
  },
  {
    name: "new enum value",
    before: { kind: "enum", values: ["open", "closed"] },
    after: { kind: "enum", values: ["open", "closed", "draft"] },
    response: ["breaking enum-value-added"],
    request: ["non-breaking enum-value-added"],
  },
  {
    name: "removed enum value",
    before: { kind: "enum", values: ["open", "closed"] },
    after: { kind: "enum", values: ["open"] },
    response: ["non-breaking enum-value-removed"],
    request: ["breaking enum-value-removed"],
  },
  {
    name: "type change inside an array",
    before: { kind: "array", items: object([prop("id", int)]) },
    after: { kind: "array", items: object([prop("id", str)]) },
    response: ["breaking type-changed [].id"],
    request: ["breaking type-changed [].id"],
  },
  {
    name: "string becomes a union with it",
    before: str,
    after: { kind: "union", exclusive: true, variants: [str, object([prop("login", str)])] },
    response: ["breaking variant-added |1"],
    request: ["non-breaking variant-added |1"],
  },
  {
    name: "integer becomes number",
    before: int,
    after: { kind: "number", integer: false },
    response: ["breaking type-changed"],
    request: ["non-breaking type-changed"],
  },
  {
    name: "larger maxLength",
    before: { kind: "string", maxLength: 10 },
    after: { kind: "string", maxLength: 20 },
    response: ["breaking maxLength-changed"],
    request: ["non-breaking maxLength-changed"],
  },
  {
    name: "checked format removed",
    before: { kind: "string", format: "date-time" },
    after: str,
    response: ["breaking format-changed"],
    request: ["non-breaking format-changed"],
  },
  {
    name: "unchecked format added",
    before: str,
    after: { kind: "string", format: "hostname" },
    response: ["non-breaking format-changed"],
    request: ["breaking format-changed"],
  },
  {
    name: "map values change type",
    before: object([], int),
    after: object([], str),
    response: ["breaking type-changed {}"],
    request: ["breaking type-changed {}"],
  },
  {
    name: "closed object opens",
    before: object([prop("id", int)], "closed"),
    after: object([prop("id", int)], "allowed"),
    response: ["breaking additional-properties-allowed"],
    request: ["non-breaking additional-properties-allowed"],
  },
  {
    name: "no change",
    before: object([prop("id", int), prop("tags", { kind: "array", items: str }, false)]),
    after: object([prop("id", int), prop("tags", { kind: "array", items: str }, false)]),
    response: [],
    request: [],
  },
];

for (const { name, before, after, response, request } of cases) {
  test(`${name} in a response`, () => {
    assert.deepEqual(changes(before, after, "response"), response);
  });
  test(`${name} in a request`, () => {
    assert.deepEqual(changes(before, after, "request"), request);
  });
}

test("new property under unknownKeys strip is non-breaking", () => {
  const before = object([prop("id", int)]);
  const after = object([prop("id", int), prop("name", str)]);
  assert.deepEqual(changes(before, after, "response", false), [
    "non-breaking property-added .name",
  ]);
});

test("new property in an object that allows extra keys is non-breaking", () => {
  const before = object([prop("id", int)], "allowed");
  const after = object([prop("id", int), prop("name", str)], "allowed");
  assert.deepEqual(changes(before, after, "response"), ["non-breaking property-added .name"]);
});

test("readOnly property added is ignored in requests", () => {
  const before = object([prop("name", str)]);
  const after = object([
    prop("name", str),
    prop("id", { kind: "number", integer: true, readOnly: true }),
  ]);
  assert.deepEqual(changes(before, after, "request"), []);
  assert.deepEqual(changes(before, after, "response"), ["breaking property-added .id"]);
});

test("change in a component is located in it", () => {
  const oldUser = named("user", object([prop("login", str)]));
  const newUser = named(
    "user",
    object([prop("login", str), prop("site_admin", { kind: "boolean" })]),
  );
  const before = object([prop("owner", { kind: "ref", target: "user" })]);
  const after = object([prop("owner", { kind: "ref", target: "user" })]);
  const comparer = new SchemaComparer([oldUser], [newUser], { strictUnknownKeys: true });
  const [change, ...rest] = comparer.compare(before, after, "response");
  assert.equal(rest.length, 0);
  assert.equal(change?.path, ".owner.site_admin");
  assert.deepEqual(change?.component, { key: "user", path: ".site_admin" });
});

test("recursive component terminates and reports once", () => {
  const node = (extra: PropertyNode[]) =>
    object([
      prop("name", str),
      prop("children", { kind: "array", items: { kind: "ref", target: "tree" } }, false),
      ...extra,
    ]);
  const oldTree = named("tree", node([]));
  const newTree = named("tree", node([prop("size", int, false)]));
  const found = changes(
    { kind: "ref", target: "tree" },
    { kind: "ref", target: "tree" },
    "response",
    true,
    [[oldTree], [newTree]],
  );
  assert.deepEqual(found, ["breaking property-added .size"]);
});

test("mutually recursive components report changes reached through either", () => {
  // a -> b -> a: comparing a first must not leave b's stored result without a's change.
  const oldA = named("a", object([prop("b", { kind: "ref", target: "b" }, false)]));
  const newA = named(
    "a",
    object([prop("b", { kind: "ref", target: "b" }, false), prop("added", str, false)]),
  );
  const b = named("b", object([prop("a", { kind: "ref", target: "a" }, false)]));
  const comparer = new SchemaComparer([oldA, b], [newA, b], { strictUnknownKeys: true });
  comparer.compare({ kind: "ref", target: "a" }, { kind: "ref", target: "a" }, "response");
  const throughB = comparer.compare(
    { kind: "ref", target: "b" },
    { kind: "ref", target: "b" },
    "response",
  );
  assert.deepEqual(
    throughB.map((change) => change.path),
    [".a.added"],
  );
});
