/**
 * `vendorguard scan [paths...]`: reports outbound HTTP calls that bypass the generated clients,
 * plain-http calls, hard-coded secrets and disabled TLS verification, as text, JSON or SARIF.
 * Exits 1 when a finding or notice at or above `--fail-on` remains after suppressions.
 */
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { type Command, Option } from "commander";
import { CONFIG_FILE_NAME, type LoadedConfig, loadConfig } from "../config/load.js";
import { VendorguardError } from "../errors.js";
import {
  countFailing,
  type FailOn,
  renderScanJson,
  renderScanSarif,
  renderScanText,
  runScan,
  type ScanReport,
} from "../scan/index.js";

/** Exit code of a scan that found something at or above `--fail-on`. */
const EXIT_SCAN_FAILED = 1;

type ScanFormat = "text" | "json" | "sarif";

interface ScanFlags {
  config?: string;
  format: ScanFormat;
  output?: string;
  failOn: FailOn;
  testFiles?: "include" | "exclude";
}

export function registerScan(program: Command): void {
  program
    .command("scan")
    .description(
      "Find outbound HTTP calls that bypass the generated clients or go to hosts no policy allows, plain-http calls, hard-coded secrets and disabled TLS verification. Exits 1 when a finding at or above --fail-on remains.",
    )
    .argument(
      "[paths...]",
      "files and folders to scan (default: the config file's folder, or the current folder)",
    )
    .option(
      "--config <file>",
      `config file with the vendors and scan settings (default: ${CONFIG_FILE_NAME} when it exists)`,
    )
    .addOption(
      new Option("--format <format>", "report format")
        .choices(["text", "json", "sarif"])
        .default("text"),
    )
    .option("--output <file>", "write the report to this file instead of standard output")
    .addOption(
      new Option(
        "--fail-on <severity>",
        "lowest severity of a finding or notice that makes the scan exit 1",
      )
        .choices(["error", "warning", "note", "none"])
        .default("error"),
    )
    .addOption(
      new Option(
        "--test-files <mode>",
        "scan test files or leave them out, overriding scan.testFiles (default: exclude)",
      ).choices(["include", "exclude"]),
    )
    .action(async (paths: string[], flags: ScanFlags) => {
      const config = await scanConfig(flags.config);
      const root = config === undefined ? process.cwd() : path.dirname(path.resolve(config.file));
      const report = await runScan({
        root,
        ...(paths.length === 0 ? {} : { paths: paths.map((entry) => path.resolve(entry)) }),
        ...(config === undefined ? {} : { config }),
        ...(flags.testFiles === undefined
          ? {}
          : { includeTestFiles: flags.testFiles === "include" }),
      });
      await writeReport(report, flags);
      if (countFailing(report, flags.failOn) > 0) process.exitCode = EXIT_SCAN_FAILED;
    });
}

/** Loads `--config`, or the default config file when it exists; a scan without one has no vendors. */
async function scanConfig(file: string | undefined): Promise<LoadedConfig | undefined> {
  if (file === undefined) {
    return existsSync(CONFIG_FILE_NAME) ? loadConfig(CONFIG_FILE_NAME) : undefined;
  }
  if (!existsSync(file)) {
    throw new VendorguardError(
      "config_not_found",
      `${file} was not found. Pass --config with an existing file, or leave --config out to use ${CONFIG_FILE_NAME} when it exists.`,
    );
  }
  return loadConfig(file);
}

async function writeReport(report: ScanReport, flags: ScanFlags): Promise<void> {
  const rendered = render(report, flags.format);
  if (flags.output === undefined) {
    process.stdout.write(rendered);
    return;
  }
  try {
    await writeFile(flags.output, rendered);
  } catch (error) {
    throw new VendorguardError(
      "output_unwritable",
      `--output ${flags.output} cannot be written: ${(error as Error).message}. Pass a path in an existing folder.`,
      { cause: error },
    );
  }
  const failing = countFailing(report, flags.failOn);
  process.stdout.write(
    `scan: ${flags.format} report written to ${flags.output}; ${report.findings.length} findings, ${report.suppressed.length} suppressed, ${failing} at or above --fail-on ${flags.failOn}.\n`,
  );
}

function render(report: ScanReport, format: ScanFormat): string {
  switch (format) {
    case "json":
      return renderScanJson(report);
    case "sarif":
      return renderScanSarif(report);
    case "text":
      return renderScanText(report);
  }
}
