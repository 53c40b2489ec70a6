import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { policyJsonSchema } from "../../src/policy/json-schema.js";

// This test runs from dist/test/policy/, three levels below the repository root.
const SCHEMA_FILE = fileURLToPath(new URL("../../../schema/policy.schema.json", import.meta.url));

test("committed JSON Schema matches the zod schema", async () => {
  const generated = `${JSON.stringify(policyJsonSchema(), null, 2)}\n`;
  if (process.env["UPDATE_POLICY_SCHEMA"] === "1") {
    await mkdir(dirname(SCHEMA_FILE), { recursive: true });
    await writeFile(SCHEMA_FILE, generated);
  }

  const committed = await readFile(SCHEMA_FILE, "utf8").catch(() => "");

  assert.ok(
    committed === generated,
    "schema/policy.schema.json is out of date. Regenerate it with: npx tsc -p tsconfig.json && " +
      "UPDATE_POLICY_SCHEMA=1 node --test dist/test/policy/json-schema.test.js",
  );
});

test("JSON Schema describes every key", () => {
  const undocumented: string[] = [];
  collectUndocumented(policyJsonSchema(), "", undocumented);

  assert.deepEqual(undocumented, []);
});

test("JSON Schema has identity and keeps defaults", () => {
  const schema = policyJsonSchema();
  const properties = schema["properties"] as Record<string, { default?: unknown }>;

  assert.equal(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
  assert.equal(schema["$id"], "urn:vendorguard:policy");
  assert.equal(schema["title"], "vendorguard policy");
  assert.equal(schema["additionalProperties"], false);
  assert.deepEqual(schema["required"], ["vendor", "baseUrl", "allowedHosts"]);
  assert.equal(properties["maxResponseBytes"]?.default, 10485760);
  assert.deepEqual(properties["auth"]?.default, { scheme: "none" });
});

/** Adds the path of every property in `schema` that has no description to `found`. */
function collectUndocumented(schema: unknown, path: string, found: string[]): void {
  if (typeof schema !== "object" || schema === null) {
    return;
  }
  const node = schema as Record<string, unknown>;
  const properties = (node["properties"] ?? {}) as Record<string, Record<string, unknown>>;
  for (const [key, property] of Object.entries(properties)) {
    const propertyPath = path === "" ? key : `${path}.${key}`;
    if (typeof property["description"] !== "string") {
      found.push(propertyPath);
    }
    collectUndocumented(property, propertyPath, found);
  }
  for (const keyword of ["items", "additionalProperties"]) {
    collectUndocumented(node[keyword], `${path}[]`, found);
  }
  for (const keyword of ["oneOf", "anyOf"]) {
    const options = Array.isArray(node[keyword]) ? (node[keyword] as unknown[]) : [];
    options.forEach((option) => collectUndocumented(option, path, found));
  }
}
