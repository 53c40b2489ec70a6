/** The Markdown page of a differential run: one table row per document, then each disagreement. */
import type { DocumentResult } from "./differential.js";
import { KNOWN_EXCEPTIONS } from "./known-exceptions.js";

const INTRODUCTION = [
  "# Fidelity of the generated zod schemas",
  "",
  "Written by `npm run fidelity`. For every named schema and inline response body of each",
  "document, instances are drawn from the schema and mutated; the zod schema vendorguard emits must",
  "accept exactly the instances that ajv 8.20.0 accepts (JSON Schema 2020-12, converted from the",
  'document with the rules of the README\'s "How responses are validated"). `strip` compares',
  "`unknownKeys: strip` with the schema as written; `strict` compares `unknownKeys: strict` with the",
  "schema closed where the document leaves objects open. Each instance is validated in both modes.",
  "",
  "Known exceptions, each explained in the README:",
  "",
];

export function renderReport(results: DocumentResult[]): string {
  const lines = [
    ...INTRODUCTION,
    ...KNOWN_EXCEPTIONS.map((exception) => `- \`${exception.id}\`: ${exception.reason}.`),
    "",
    "| document | schemas | instances | valid instances | disagreements | not known |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
    ...results.map((result) => `| ${result.document} | ${countsOf([result]).join(" | ")} |`),
    `| total (${results.length} documents) | ${countsOf(results).join(" | ")} |`,
    "",
  ];
  for (const result of results) {
    if (result.disagreements.length === 0 && result.errors.length === 0) continue;
    lines.push(`## ${result.document}`, "");
    for (const error of result.errors) {
      lines.push(`- \`${error.schema}\` could not be checked: ${error.message}`);
    }
    for (const item of result.disagreements) lines.push(...describeDisagreement(item));
    lines.push("");
  }
  return lines.join("\n");
}

/** Sums the table's numbers over `results`: schemas, instances, valid, disagreements, not known. */
function countsOf(results: DocumentResult[]): number[] {
  const sum = (count: (result: DocumentResult) => number) =>
    results.reduce((total, result) => total + count(result), 0);
  return [
    sum((result) => result.schemas),
    sum((result) => result.instances),
    sum((result) => result.referenceAccepted),
    sum((result) => result.disagreementCount),
    sum((result) => result.unexplainedCount + result.errors.length),
  ];
}

function describeDisagreement(item: DocumentResult["disagreements"][number]): string[] {
  const verdict =
    item.direction === "zod-accepts" ? "zod accepts, ajv rejects" : "zod rejects, ajv accepts";
  const plural = item.count === 1 ? "" : "s";
  const known = item.exception
    ? ` Known exception \`${item.exception}\`.`
    : " Not a known exception.";
  const lines = [
    `- \`${item.pointer}\` (${item.mode}): ${verdict}, ${item.count} instance${plural}.${known}`,
    `  Smallest instance: \`${JSON.stringify(item.instance)}\``,
  ];
  if (item.referenceError) lines.push(`  ajv: ${item.referenceError}`);
  if (item.zodIssue) lines.push(`  zod: ${item.zodIssue}`);
  return lines;
}
