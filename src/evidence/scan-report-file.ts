/**
 * Reading a `vendorguard scan --format json` report from a file. The zod schema mirrors the
 * `ScanReport` type. It drops keys the type does not declare, so a report from a newer scan with
 * extra fields can still be read.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { VendorguardError } from "../errors.js";
import { formatPolicyPath } from "../policy/errors.js";
import type { ScanReport, ScanRuleId, ScanSeverity } from "../scan/types.js";

/** Returns the command that writes a report this module reads, with `file` as its output. */
export function scanCommand(file: string): string {
  return `vendorguard scan --format json --output ${file}`;
}

// Records keyed by the union types make the compiler reject a rule id or severity missing here.
const RULE_IDS: Record<ScanRuleId, true> = {
  "host-not-allowed": true,
  "client-bypass": true,
  "plain-http": true,
  "hardcoded-secret": true,
  "tls-verification-disabled": true,
};
const SEVERITIES: Record<ScanSeverity, true> = { error: true, warning: true, note: true };

const position = z.number().int().min(1);

const findingShape = {
  ruleId: z.enum(Object.keys(RULE_IDS) as [ScanRuleId, ...ScanRuleId[]]),
  severity: z.enum(Object.keys(SEVERITIES) as [ScanSeverity, ...ScanSeverity[]]),
  file: z.string().min(1),
  line: position,
  column: position,
  message: z.string(),
  fix: z.string(),
  host: z.string().optional(),
};

const suppressionSchema = z.object({
  source: z.enum(["inline", "config"]),
  reason: z.string().trim().min(1, "a suppression must give its reason"),
});

/** Schema of a scan report; its output type is checked against `ScanReport` below. */
export const scanReportSchema = z.object({
  root: z.string().min(1),
  files: z.array(z.string()),
  findings: z.array(z.object(findingShape)),
  suppressed: z.array(z.object({ ...findingShape, suppression: suppressionSchema })),
}) satisfies z.ZodType<ScanReport>;

/** Issues listed in one error; a file of the wrong kind can have thousands. */
const MAX_ISSUES_SHOWN = 20;

/** Reads and validates the scan report in `file`; every error names the file and the bad key. */
export async function readScanReport(file: string): Promise<ScanReport> {
  const text = await readReportText(file);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalidReport(file, [`invalid JSON: ${(error as Error).message}`]);
  }
  // With reportInput, an issue's input is undefined only for a missing key, not a wrong type.
  const parsed = scanReportSchema.safeParse(value, { reportInput: true });
  if (!parsed.success) {
    throw invalidReport(file, parsed.error.issues.map(describeIssue));
  }
  return parsed.data;
}

async function readReportText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === "ENOENT" ? "was not found" : `cannot be read (${code ?? error})`;
    throw new VendorguardError(
      "scan_report_unreadable",
      `--scan-report ${file} ${problem}. Write it with ${scanCommand(file)}, or leave out --scan-report.`,
    );
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const key = issue.path.length === 0 ? "(top level)" : formatPolicyPath(issue.path);
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return `${key}: is missing (expected ${issue.expected}).`;
  }
  return `${key}: ${issue.message}.`;
}

function invalidReport(file: string, problems: string[]): VendorguardError {
  const shown = problems.slice(0, MAX_ISSUES_SHOWN).map((problem) => `  ${problem}`);
  const hidden = problems.length - MAX_ISSUES_SHOWN;
  if (hidden > 0) shown.push(`  ... and ${hidden} more problems`);
  return new VendorguardError(
    "invalid_scan_report",
    [
      `--scan-report ${file} is not a vendorguard scan report:`,
      ...shown,
      `Write it with ${scanCommand(file)}.`,
    ].join("\n"),
  );
}
