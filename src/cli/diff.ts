/**
 * `vendorguard diff <old-spec> <new-spec>`: prints what changed between two versions of a
 * vendor document for a consumer of its client, as Markdown for a pull request or as JSON.
 */
import { type Command, Option } from "commander";
import { diffDocuments } from "../ci/diff-documents.js";
import { renderDiffMarkdown } from "../ci/diff-markdown.js";
import { addDocumentOptions, type DocumentFlags, documentReadOptions } from "./option-parsers.js";

/** Exit code when `--fail-on breaking` finds a breaking change. */
const EXIT_BREAKING = 1;

interface DiffFlags extends DocumentFlags {
  policy?: string;
  all?: boolean;
  format: "markdown" | "json";
  failOn: "breaking" | "none";
}

export function registerDiff(program: Command): void {
  const command = program
    .command("diff")
    .description(
      "Report the changes between two versions of a vendor's document that affect the generated client, marking the breaking ones.",
    )
    .argument("<old-spec>", "the document the current client was generated from")
    .argument("<new-spec>", "the new version of the document")
    .option(
      "--policy <file>",
      "compare only the operations this policy selects, and read its unknownKeys",
    )
    .option("--all", "compare every operation even with --policy")
    .addOption(
      new Option("--format <format>", "report format")
        .choices(["markdown", "json"])
        .default("markdown"),
    )
    .addOption(
      new Option("--fail-on <level>", "exit 1 when a change of this level exists")
        .choices(["breaking", "none"])
        .default("none"),
    );
  addDocumentOptions(command).action(async (oldSpec: string, newSpec: string, flags: DiffFlags) => {
    const report = await diffDocuments({
      oldSpecPath: oldSpec,
      newSpecPath: newSpec,
      all: flags.all === true,
      ...(flags.policy === undefined ? {} : { policyPath: flags.policy }),
      ...documentReadOptions(flags),
    });
    const output =
      flags.format === "json" ? `${JSON.stringify(report, null, 2)}\n` : renderDiffMarkdown(report);
    process.stdout.write(output);
    if (flags.failOn === "breaking" && report.summary.breaking > 0) {
      process.exitCode = EXIT_BREAKING;
    }
  });
}
