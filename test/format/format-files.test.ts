/**
 * The format stage must give prettier's bytes: for a large real document cut into pieces on
 * worker threads, and for the runtime, which is copied into clients without formatting.
 */
import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { rmSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { emitOperationsFile } from "../../src/emit/operations-file.js";
import { emitSchemasFile } from "../../src/emit/schemas-file.js";
import { emitTypesFile } from "../../src/emit/types-file.js";
import { formatFiles } from "../../src/format/format-files.js";
import { formatWithPrettier } from "../../src/format/prettier.js";
import { buildModel } from "../../src/model/build.js";
import { loadSpec } from "../../src/spec/load.js";
import { makeOutputDir, REPO_ROOT, unpackVendorSpecs } from "../support/paths.js";

const work = makeOutputDir("format");
after(() => rmSync(work, { recursive: true, force: true }));

test("pieces formatted in workers equal prettier on whole files", async () => {
  const specs = unpackVendorSpecs(work);
  const spec = await loadSpec(path.join(specs, "twilio/twilio_api_v2010.json"));
  const model = buildModel(spec, { include: [], exclude: [] });
  const files = [
    { path: "schemas.ts", content: emitSchemasFile(model, "strict"), chunkable: true },
    { path: "types.ts", content: emitTypesFile(model), chunkable: true },
    { path: "operations.ts", content: emitOperationsFile(model), chunkable: true },
  ];
  const inPieces = await formatFiles(files, 0);
  for (const [index, file] of files.entries()) {
    const whole = await formatWithPrettier(file.content);
    assert.ok(inPieces[index] === whole, `${file.path} differs from prettier's output`);
  }
});

test("runtime sources are prettier-formatted", async () => {
  const dir = path.join(REPO_ROOT, "src", "runtime");
  const names = (await readdir(dir)).filter((name) => name.endsWith(".ts"));
  assert.ok(names.length > 0);
  for (const name of names) {
    const source = await readFile(path.join(dir, name), "utf8");
    assert.ok((await formatWithPrettier(source)) === source, `src/runtime/${name} is not prettier-formatted; run npx prettier --write on it`);
  }
});
