/**
 * `vendorguard check`: fails (exit 1) when a generated client on disk is not what generation
 * produces now, when a policy is weaker than the config's floor, or when a document's digest
 * differs from the one the config records. It writes nothing.
 */
import type { Command } from "commander";
import {
  type CheckTarget,
  checkVendor,
  hasFailures,
  type FileProblem,
  type VendorCheck,
} from "../ci/check.js";
import { FILE_PROBLEM_TEXT } from "../ci/check-messages.js";
import { configCheckTargets, relativeToWorkingDirectory } from "../ci/check-targets.js";
import { CONFIG_FILE_NAME, loadConfig } from "../config/load.js";
import { VendorguardError } from "../errors.js";
import { formatProblem } from "../policy/errors.js";
import {
  addDocumentOptions,
  type DocumentFlags,
  documentReadOptions,
  parseCount,
} from "./option-parsers.js";

/** Exit code of a check that found a difference. */
const EXIT_CHECK_FAILED = 1;

interface CheckFlags extends DocumentFlags {
  spec?: string;
  policy?: string;
  out?: string;
  config?: string;
  maxDiffLines?: number;
}

export function registerCheck(program: Command): void {
  const command = program
    .command("check")
    .description(
      `Regenerate every client in memory and compare it with the files on disk, the policies with the config's floor and the documents with their recorded sha256. Writes nothing; exits 1 on any difference.`,
    )
    .option(
      "--spec <file>",
      "the vendor's OpenAPI document, to check one client without a config file",
    )
    .option("--policy <file>", "the vendor's policy file, with --spec and --out")
    .option("--out <dir>", "folder holding the generated client, with --spec and --policy")
    .option("--config <file>", "config file listing vendors", CONFIG_FILE_NAME)
    .option("--max-diff-lines <lines>", "diff lines printed per file (default 40)", parseCount);
  addDocumentOptions(command).action(async (flags: CheckFlags) => {
    const { targets, configFile } = await checkTargets(flags);
    const checks: VendorCheck[] = [];
    for (const target of targets) checks.push(await checkVendor(target));
    const options = { maxDiffLines: flags.maxDiffLines ?? 40, configFile };
    const report = checks.flatMap((check) => formatVendorCheck(check, options));
    const failed = checks.filter(hasFailures).length;
    report.push(
      failed === 0
        ? `check passed: ${checks.length} of ${checks.length} vendors match.`
        : `check failed: ${failed} of ${checks.length} vendors differ.`,
    );
    process.stdout.write(`${report.join("\n")}\n`);
    if (failed > 0) process.exitCode = EXIT_CHECK_FAILED;
  });
}

/** Returns the vendors to check and the config file they come from (none for --spec, --policy, --out). */
async function checkTargets(
  flags: CheckFlags,
): Promise<{ targets: CheckTarget[]; configFile?: string }> {
  const readOptions = documentReadOptions(flags);
  const direct = [flags.spec, flags.policy, flags.out];
  if (direct.some((value) => value !== undefined)) {
    const missing = ["--spec", "--policy", "--out"].filter((_, index) => direct[index] === undefined);
    if (missing.length > 0) {
      throw new VendorguardError(
        "usage",
        `${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} missing: --spec, --policy and --out go together. Pass all three, or none to use the config file.`,
      );
    }
    const target = {
      specPath: flags.spec!,
      policyPath: flags.policy!,
      outDir: flags.out!,
      ...readOptions,
    };
    return { targets: [target] };
  }
  const config = await loadConfig(flags.config ?? CONFIG_FILE_NAME);
  return { targets: configCheckTargets(config, readOptions), configFile: config.file };
}

interface ReportOptions {
  maxDiffLines: number;
  configFile: string | undefined;
}

function formatVendorCheck(check: VendorCheck, options: ReportOptions): string[] {
  const lines: string[] = [];
  const problemCount =
    check.files.length + check.floorViolations.length + (check.digestMismatch ? 1 : 0);
  lines.push(
    problemCount === 0
      ? `${check.name}: up to date (${check.fileCount} files)`
      : `${check.name}: ${problemCount} ${problemCount === 1 ? "problem" : "problems"}`,
  );
  const outDir = relativeToWorkingDirectory(check.target.outDir);
  for (const problem of check.files) {
    lines.push(...formatFileProblem(outDir, problem, options.maxDiffLines));
  }
  for (const violation of check.floorViolations) {
    lines.push(`  ${formatProblem(violation.file, violation)}`);
  }
  if (check.digestMismatch) {
    const { recorded, actual } = check.digestMismatch;
    lines.push(
      `  ${check.target.specPath} has sha256 ${actual}, but ${options.configFile} records ${recorded} for ${check.name}.`,
      `    Review the change (vendorguard diff <reviewed copy> ${check.target.specPath}); if it is intended, set sha256: ${actual} in the ${check.name} entry of ${options.configFile}.`,
    );
  }
  if (options.configFile !== undefined && check.target.recordedSha256 === undefined) {
    lines.push(
      `  note: ${options.configFile} records no sha256 for ${check.name}; add sha256: ${check.specSha256} to its entry to pin the reviewed document.`,
    );
  }
  return lines;
}

function formatFileProblem(outDir: string, problem: FileProblem, maxDiffLines: number): string[] {
  const file = `${outDir}/${problem.path}`;
  const lines = [`  ${file} ${FILE_PROBLEM_TEXT[problem.kind]}`];
  if (problem.diff === undefined) return lines;
  if (!problem.diff.ok) return [...lines, `    (no diff shown: ${problem.diff.reason})`];
  lines.push(`    --- ${file} (on disk)`, `    +++ ${file} (regenerated)`);
  const shown = problem.diff.lines.slice(0, maxDiffLines);
  lines.push(...shown.map((line) => `    ${line}`));
  const hidden = problem.diff.lines.length - shown.length;
  if (hidden > 0) {
    lines.push(`    ... ${hidden} more diff lines (raise --max-diff-lines to see them)`);
  }
  return lines;
}
