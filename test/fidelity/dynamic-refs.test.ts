/**
 * `$recursiveRef` and `$dynamicRef`: resolved to their target where it is the same wherever
 * validation starts, in the emitted zod schemas and in the reference ajv compares them with, and
 * left unchecked with a warning where it is not.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import { makeOutputDir, REPO_ROOT, unpackVendorSpecs } from "../support/paths.js";
import {
  assertVerdicts,
  type DocumentValidators,
  loadValidators,
  type Mode,
} from "./validators.js";

const DOCUMENT = path.join(REPO_ROOT, "test/fidelity/documents/dynamic-refs-31.yaml");
const MODES: Mode[] = ["strip", "strict"];

describe("dynamic references", () => {
  let validators: DocumentValidators;

  before(async () => {
    validators = await loadValidators(DOCUMENT);
  });

  test("$recursiveRef with an uncontested anchor", () => {
    assertVerdicts(
      validators,
      "CompoundFilter",
      MODES,
      [
        { type: "and", filters: [{ type: "eq", key: "a", value: "b" }] },
        { type: "or", filters: [{ type: "and", filters: [{ type: "ne", key: "n", value: 1 }] }] },
        { type: "or", filters: [] },
      ],
      [
        { type: "and", filters: [{ type: "xor", filters: [] }] },
        { type: "and", filters: [{ type: "or", filters: [{ type: "eq", key: "a" }] }] },
        { type: "and", filters: [{ type: "eq", key: "a", value: true }] },
        { type: "and", filters: ["eq"] },
      ],
    );
  });

  test("$recursiveRef without an anchor", () => {
    assertVerdicts(
      validators,
      "Tree",
      MODES,
      [{ label: "a", children: [{ label: "b", children: [] }] }],
      [
        { label: "a", children: [{ label: "toolong", children: [] }] },
        { label: "a", children: [{ label: "b" }] },
        { label: "a", children: [{ children: [] }] },
      ],
    );
  });

  test("$dynamicRef to a $dynamicAnchor and to the root", () => {
    assertVerdicts(
      validators,
      "LinkedNode",
      MODES,
      [{ value: 1, next: { value: 2, next: { value: 3 } }, head: { value: 0 } }],
      [
        { value: 1, next: { value: "2" } },
        { value: 1, head: { value: 1.5 } },
        { value: 1, next: null },
      ],
    );
  });

  test("$dynamicRef to an $anchor", () => {
    assertVerdicts(validators, "Words", MODES, [["ab", "c"]], [["ab", "C"], [1]]);
  });

  test("contested $recursiveRef accepts anything", () => {
    const warning = validators.model.warnings.find((text) =>
      text.includes("Base/properties/children/items/$recursiveRef"),
    );
    assert.ok(warning, "no warning for Base's $recursiveRef");
    assert.match(warning, /components\/schemas\/Extended also has \$recursiveAnchor: true/);
    assertVerdicts(
      validators,
      "Base",
      MODES,
      [{ name: "a", children: [1, "x", { rank: "high" }] }],
      [{ name: 1 }],
    );
  });

  test("missing $dynamicRef anchor is reported", () => {
    const warning = validators.model.warnings.find((text) =>
      text.includes("Unanchored/properties/other/$dynamicRef"),
    );
    assert.ok(warning, "no warning for the missing anchor");
    assert.match(warning, /no \$anchor or \$dynamicAnchor named "missing"/);
    assertVerdicts(validators, "Unanchored", MODES, [{ other: [1] }, { other: "x" }], ["text"]);
  });

  test("resolved references warn nothing", () => {
    const resolved = ["CompoundFilter", "Tree/", "LinkedNode", "Words"];
    const warnings = validators.model.warnings.filter((text) =>
      resolved.some((name) => text.includes(`schemas/${name}`)),
    );
    assert.deepEqual(warnings, []);
  });
});

describe("OpenAI's CompoundFilter", () => {
  let workDir: string;
  let validators: DocumentValidators;

  before(async () => {
    workDir = makeOutputDir("dynamic-refs");
    validators = await loadValidators(path.join(unpackVendorSpecs(workDir), "openai/openapi.yaml"));
  });

  after(() => rmSync(workDir, { recursive: true, force: true }));

  test("comparison and nested filters", () => {
    assertVerdicts(
      validators,
      "CompoundFilter",
      MODES,
      [
        { type: "and", filters: [{ type: "eq", key: "region", value: "eu" }] },
        {
          type: "or",
          filters: [
            { type: "gte", key: "date", value: 1704067200 },
            { type: "and", filters: [{ type: "in", key: "tag", value: ["a", "b"] }] },
          ],
        },
      ],
      [
        { type: "and", filters: [{ type: "like", key: "region", value: "eu" }] },
        { type: "and", filters: [{ type: "or", filters: [{ type: "eq", key: "k" }] }] },
        { type: "and", filters: [{ type: "eq", key: "k", value: "v", extra: 1 }] },
      ],
    );
  });

  test("no unresolved dynamic reference", () => {
    const warnings = validators.model.warnings.filter((text) =>
      /\$recursiveRef|\$dynamicRef/.test(text),
    );
    assert.deepEqual(warnings, []);
  });
});
