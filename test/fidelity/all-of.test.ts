/**
 * A property that several `allOf` parts declare is validated as the merge of its declarations:
 * strict mode closes it over the keys any declaration gives it, at every depth, in the emitted zod
 * schemas and in the reference ajv compares them with.
 */
import path from "node:path";
import { before, describe, test } from "node:test";
import { REPO_ROOT } from "../support/paths.js";
import { assertVerdicts, type DocumentValidators, loadValidators } from "./validators.js";

const DOCUMENTS = path.join(REPO_ROOT, "test/fidelity/documents");

describe("properties shared by allOf parts", () => {
  let validators: DocumentValidators;

  before(async () => {
    validators = await loadValidators(path.join(DOCUMENTS, "allof-shared-30.yaml"));
  });

  test("strict keeps every declaration's keys", () => {
    assertVerdicts(
      validators,
      "ServiceScaling",
      ["strict", "strip"],
      [
        { metrics: { cpu: { percent: 50 }, rps: { target: 100 } } },
        { min: 2, metrics: { cpu: { percent: 50, floor: 1 } } },
        { metrics: {} },
      ],
      [
        { metrics: { cpu: { percent: 500 } } },
        { metrics: { cpu: { floor: -1 } } },
        { metrics: { rps: {} } },
      ],
    );
  });

  test("strict rejects keys no declaration has", () => {
    assertVerdicts(
      validators,
      "ServiceScaling",
      ["strict"],
      [],
      [
        { metrics: { gpu: {} } },
        { metrics: { cpu: { percent: 50, ceiling: 90 } } },
        { metrics: { rps: { target: 1, burst: 2 } } },
      ],
    );
    assertVerdicts(validators, "ServiceScaling", ["strip"], [{ metrics: { gpu: {} } }], []);
  });

  test("a closed declaration closes the merge", () => {
    assertVerdicts(
      validators,
      "ClosedCopy",
      ["strip", "strict"],
      [{ limits: { soft: 1, hard: 2 } }],
      [{ limits: { soft: 1, burst: 3 } }, { limits: { hard: "2" } }],
    );
  });

  test("a $ref declaration merges too", () => {
    assertVerdicts(
      validators,
      "RefAndInline",
      ["strict"],
      [{ owner: { name: "a", email: "a@example.com", address: { city: "b" } } }],
      [
        { owner: { name: "a" } },
        { owner: { email: "a@example.com", address: { city: "b", zip: "c" } } },
        { owner: { email: "a@example.com", phone: "1" } },
      ],
    );
  });

  test("a union part keeps its declaration", () => {
    assertVerdicts(
      validators,
      "WithUnionPart",
      ["strict"],
      [
        { kind: "two", detail: { a: "x" } },
        { kind: "one", detail: {} },
      ],
      [
        { kind: "one", detail: { a: "x", b: "y" } },
        { kind: "two", detail: { b: "y" } },
      ],
    );
  });
});

describe("a 3.1 $ref beside properties", () => {
  test("merges the shared property", async () => {
    const validators = await loadValidators(path.join(DOCUMENTS, "allof-shared-31.yaml"));
    assertVerdicts(
      validators,
      "Derived",
      ["strict", "strip"],
      [{ settings: { color: "red", size: 2 } }],
      [{ settings: { color: 1 } }, { settings: { size: "2" } }],
    );
    assertVerdicts(validators, "Derived", ["strict"], [], [{ settings: { weight: 1 } }]);
  });
});
