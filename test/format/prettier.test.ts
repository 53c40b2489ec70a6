/**
 * Formatting large files in pieces on worker threads must give exactly the bytes that formatting
 * each file whole gives.
 */
import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { emitOperationsFile } from "../../src/emit/operations-file.js";
import { emitSchemasFile } from "../../src/emit/schemas-file.js";
import { emitTypesFile } from "../../src/emit/types-file.js";
import { formatFiles, formatTypeScript } from "../../src/format/prettier.js";
import { buildModel } from "../../src/model/build.js";
import { loadSpec } from "../../src/spec/load.js";
import { makeOutputDir, unpackVendorSpecs } from "../support/paths.js";

const work = makeOutputDir("format");
after(() => rmSync(work, { recursive: true, force: true }));

test("pieces formatted in workers equal whole-file formatting", async () => {
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
    const whole = await formatTypeScript(file.content);
    assert.ok(inPieces[index] === whole, `${file.path} differs when formatted in pieces`);
  }
});
