/**
 * `npm run fidelity`: runs the differential check on every vendor and case document, prints one
 * line per document and writes the disagreements to `FIDELITY.md` and a JSON report.
 */
import { writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkDocument, type DocumentResult } from "./differential.js";
import {
  caseDocuments,
  keywordDocuments,
  unpackVendorDocuments,
  VENDOR_DOCUMENTS,
} from "./documents.js";
import { renderReport } from "./report.js";

const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

async function main(argv: string[]): Promise<number> {
  const only = argv.filter((arg) => !arg.startsWith("--"));
  const outputDir = path.join(REPOSITORY_ROOT, ".test-output", "fidelity");
  const specs = unpackVendorDocuments(REPOSITORY_ROOT, outputDir);
  const documents = [
    ...[...caseDocuments(REPOSITORY_ROOT), ...keywordDocuments(REPOSITORY_ROOT)].map((file) => ({
      label: file,
      file: path.join(REPOSITORY_ROOT, file),
    })),
    ...VENDOR_DOCUMENTS.map((file) => ({ label: file, file: path.join(specs, file) })),
  ].filter(
    (document) => only.length === 0 || only.some((filter) => document.label.includes(filter)),
  );

  const results: DocumentResult[] = [];
  for (const document of documents) {
    const result = await checkDocument(document.file, document.label);
    results.push(result);
    process.stdout.write(
      `${document.label}: ${result.schemas} schemas, ${result.instances} instances, ` +
        `${result.disagreementCount} disagreements (${result.unexplainedCount} not known)` +
        `${result.errors.length > 0 ? `, ${result.errors.length} errors` : ""} (${(result.durationMs / 1000).toFixed(1)} s)\n`,
    );
  }
  mkdirSync(outputDir, { recursive: true });
  writeFileSync(path.join(outputDir, "report.json"), `${JSON.stringify(results, null, 2)}\n`);
  if (only.length === 0)
    writeFileSync(path.join(REPOSITORY_ROOT, "FIDELITY.md"), renderReport(results));
  const total = results.reduce((sum, result) => sum + result.disagreementCount, 0);
  const unexplained = results.reduce(
    (sum, result) => sum + result.unexplainedCount + result.errors.length,
    0,
  );
  process.stdout.write(
    `total: ${total} disagreements, ${unexplained} not known; report in .test-output/fidelity/report.json\n`,
  );
  return unexplained === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(3);
  },
);
