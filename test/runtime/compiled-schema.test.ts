import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { z } from "zod";
import { compiledSchema } from "../../src/runtime/compiled-schema.js";

const Item = z.strictObject({
  id: z.number().int(),
  name: z.string().min(1),
  tags: z.array(z.string()),
  active: z.boolean().optional(),
});
const Page = z.strictObject({ items: z.array(Item), next: z.string().nullable() });
const Loose = z.looseObject({ id: z.number() });
const Stripped = z.object({ id: z.number(), nested: z.object({ name: z.string() }) });

// Bodies as JSON.parse returns them, so `__proto__` is an own key as it is in a response.
const bodies = [
  '{"items":[{"id":1,"name":"a","tags":["x"]}],"next":null}',
  '{"items":[{"id":1,"name":"a","tags":["x"],"admin":true}],"next":null}',
  '{"items":[{"id":1.5,"name":"","tags":[1]}],"next":"c"}',
  '{"items":[],"next":null,"__proto__":{"polluted":"yes"}}',
  '{"items":[{"id":1,"name":"a","tags":[],"__proto__":{"polluted":"yes"}}],"next":null}',
  '{"id":1,"nested":{"name":"n","__proto__":{"polluted":"yes"}},"extra":1}',
  '{"id":"1","nested":null}',
  '{"id":1,"constructor":{"prototype":{"polluted":"yes"}},"nested":{"name":"n"}}',
  "[]",
  "null",
];

/** Returns what a safeParse result shows a caller: the data, or each issue's path and code. */
function outcome(result: { success: boolean; data?: unknown; error?: z.ZodError }): unknown {
  if (result.success) {
    return { data: result.data, prototype: Object.getPrototypeOf(result.data) };
  }
  return result.error?.issues.map((issue) => ({ path: issue.path, code: issue.code }));
}

describe("compiled schemas", () => {
  for (const [name, schema] of [
    ["strict", Page],
    ["loose", Loose],
    ["stripped", Stripped],
  ] as const) {
    test(`${name} object agrees with the parser`, () => {
      const compiled = compiledSchema(schema);

      for (const body of bodies) {
        const expected = outcome(schema.safeParse(JSON.parse(body)));
        const actual = outcome(compiled.safeParse(JSON.parse(body)));
        assert.deepEqual(actual, expected, body);
      }
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    });
  }

  test("undeclared __proto__ is left out of the result", () => {
    const result = compiledSchema(Stripped).safeParse(
      JSON.parse('{"id":1,"nested":{"name":"n"},"__proto__":{"polluted":"yes"}}'),
    );

    assert.ok(result.success);
    assert.equal(Object.hasOwn(result.data as object, "__proto__"), false);
    assert.equal(Object.getPrototypeOf(result.data), Object.prototype);
  });

  test("result is a new object, not the input", () => {
    const input = JSON.parse(bodies[0]!) as unknown;

    const result = compiledSchema(Page).safeParse(input);

    assert.ok(result.success);
    assert.notEqual(result.data, input);
    assert.deepEqual(result.data, input);
  });

  test("schema is compiled once", () => {
    assert.notEqual(compiledSchema(Page), Page);
    assert.equal(compiledSchema(Page), compiledSchema(Page));
  });

  test("jitless config leaves a new schema uncompiled", () => {
    const schema = z.strictObject({ id: z.number() });
    const before = z.config().jitless;
    z.config({ jitless: true });
    try {
      assert.equal(compiledSchema(schema), schema);
    } finally {
      z.config({ jitless: before ?? false });
    }
  });
});
