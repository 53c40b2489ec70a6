/**
 * The `check` result of one vendor as evidence: whether it passed and each problem as one line,
 * with paths relative to the config file's folder so the text does not depend on where it ran.
 */
import { hasFailures, type VendorCheck } from "../ci/check.js";
import { FILE_PROBLEM_TEXT } from "../ci/check-messages.js";
import { formatProblem } from "../policy/errors.js";
import { portablePath } from "./paths.js";

export interface CheckSummary {
  passed: boolean;
  /** Number of files the rendered client has. */
  fileCount: number;
  /** Whether the config sets a floor that the policy was compared with. */
  floorChecked: boolean;
  /** Whether the config records a document sha256 that was compared. */
  digestChecked: boolean;
  /** Each difference that fails the check, in the order `check` prints them. */
  problems: string[];
  /** Advice that does not fail the check, such as a document digest the config does not record. */
  notes: string[];
}

/** Summarises `check` for the evidence page; `configDir` is the folder paths are relative to. */
export function summarizeCheck(check: VendorCheck, configDir: string): CheckSummary {
  const outDir = portablePath(configDir, check.target.outDir);
  const problems = check.files.map(
    (problem) => `${outDir}/${problem.path} ${FILE_PROBLEM_TEXT[problem.kind]}`,
  );
  for (const violation of check.floorViolations) {
    problems.push(formatProblem(portablePath(configDir, violation.file), violation));
  }
  if (check.digestMismatch !== undefined) {
    const { recorded, actual } = check.digestMismatch;
    const specFile = portablePath(configDir, check.target.specPath);
    problems.push(
      `${specFile} has sha256 ${actual}, but the config records ${recorded}. Review the change with vendorguard diff; if it is intended, record the new digest.`,
    );
  }
  const notes: string[] = [];
  if (check.target.recordedSha256 === undefined) {
    notes.push(
      `The config records no sha256 for ${check.name}; add sha256: ${check.specSha256} to its entry to pin the reviewed document.`,
    );
  }
  return {
    passed: !hasFailures(check),
    fileCount: check.fileCount,
    floorChecked: check.target.floor !== undefined,
    digestChecked: check.target.recordedSha256 !== undefined,
    problems,
    notes,
  };
}
