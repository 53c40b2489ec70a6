/**
 * `vendorguard init --spec F`: writes a starter policy for a vendor document. It never replaces
 * an existing file.
 */
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { toLoadOptions } from "../ci/document-options.js";
import { buildStarterPolicy } from "../ci/starter-policy.js";
import { VendorguardError } from "../errors.js";
import { listOperations } from "../model/build.js";
import { loadSpec } from "../spec/load.js";
import { addDocumentOptions, type DocumentFlags, documentReadOptions } from "./option-parsers.js";

interface InitFlags extends DocumentFlags {
  spec: string;
  out: string;
  baseUrl?: string;
}

export function registerInit(program: Command): void {
  const command = program
    .command("init")
    .description(
      "Write a starter policy from a vendor's document, with placeholders for the owner, purpose, data classification and owning service.",
    )
    .requiredOption("--spec <file>", "the vendor's OpenAPI document (JSON or YAML)")
    .option(
      "--out <file>",
      "policy file to create; an existing file is never replaced",
      "policy.yaml",
    )
    .option(
      "--base-url <url>",
      "https base URL to pin instead of the document's first https server",
    );
  addDocumentOptions(command).action(async (flags: InitFlags) => {
    const spec = await loadSpec(flags.spec, toLoadOptions(documentReadOptions(flags)));
    const starter = buildStarterPolicy({
      document: spec.document,
      displayPath: flags.spec,
      operationCount: listOperations(spec).length,
      ...(flags.baseUrl === undefined ? {} : { baseUrl: flags.baseUrl }),
    });
    await writeNewFile(flags.out, starter.text);
    process.stdout.write(
      `Wrote ${flags.out} for ${starter.vendorName}: baseUrl ${starter.baseUrl}, auth ${starter.authScheme}.\n` +
        `Replace the placeholders in ${starter.placeholders.join(", ")} and review every value before running vendorguard generate.\n`,
    );
  });
}

/** Creates `file` with `text`, failing with a usage error when it exists. */
async function writeNewFile(file: string, text: string): Promise<void> {
  try {
    // The wx flag makes creation and the existence check one step, so no file is replaced.
    await writeFile(file, text, { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new VendorguardError(
        "output_exists",
        `${file} already exists, and init never replaces a file. Choose another --out, or remove the file first.`,
      );
    }
    throw new VendorguardError(
      "file_unwritable",
      `${file} cannot be written: ${(error as Error).message}`,
    );
  }
}
