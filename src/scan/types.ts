/**
 * The result of `vendorguard scan`: outbound HTTP calls and settings in a codebase that bypass
 * the controls of the generated clients. `evidence` and the SARIF, JSON and text reports read it.
 */

/** The severity of a finding. `--fail-on` compares in the order note < warning < error. */
export type ScanSeverity = "error" | "warning" | "note";

/** Stable identifier of each rule; SARIF `ruleId` and suppressions use it. */
export type ScanRuleId =
  | "host-not-allowed"
  | "client-bypass"
  | "plain-http"
  | "hardcoded-secret"
  | "tls-verification-disabled";

/** Every rule id, in the order reports list the rules. */
export const SCAN_RULE_IDS = [
  "host-not-allowed",
  "client-bypass",
  "plain-http",
  "hardcoded-secret",
  "tls-verification-disabled",
] as const satisfies readonly ScanRuleId[];

export interface ScanFinding {
  ruleId: ScanRuleId;
  severity: ScanSeverity;
  /** Path relative to the scan root, with `/` separators. */
  file: string;
  /** 1-based line of the finding's start. */
  line: number;
  /** 1-based column of the finding's start, counted in UTF-16 code units. */
  column: number;
  /** A description of the finding that names the host, call or setting, and never a secret's value. */
  message: string;
  /** The change that removes the finding. */
  fix: string;
  /** The host a URL finding targets, when the scan could resolve it. */
  host?: string;
}

/** A finding that an inline comment or the config suppressed, with the reason it gives. */
export interface SuppressedFinding extends ScanFinding {
  suppression: { source: "inline" | "config"; reason: string };
}

/**
 * Stable identifier of a notice: a problem of the scan itself rather than of the scanned code.
 * - `suppression-without-reason`: a suppression gives no reason, so it suppresses nothing.
 * - `unused-suppression`: a suppression matches no finding.
 * - `invalid-suppression`: a comment starts like a suppression but names no known rule.
 * - `parse-error`: a file has a syntax error; the rest of the file was still scanned.
 * - `file-skipped`: a file is binary, too large or unreadable, so it was not scanned.
 * - `unresolved-url`: an outbound call's URL is not a value the scan can resolve, so no host
 *   rule checked it.
 */
export type ScanNoticeCode =
  | "suppression-without-reason"
  | "unused-suppression"
  | "invalid-suppression"
  | "parse-error"
  | "file-skipped"
  | "unresolved-url";

/** A problem of the scan itself, located where a person can act on it. */
export interface ScanNotice {
  code: ScanNoticeCode;
  severity: ScanSeverity;
  /** Path relative to the scan root, with `/` separators. */
  file: string;
  /** 1-based line, when the notice concerns one place in the file. */
  line?: number;
  /** 1-based column in UTF-16 code units, when `line` is set. */
  column?: number;
  message: string;
  fix: string;
}

/** A place where the code constructs a generated client: the calls the scan accepts. */
export interface GeneratedClientUse {
  /** Path relative to the scan root, with `/` separators. */
  file: string;
  line: number;
  column: number;
  /** Vendor name as the config lists it. */
  vendor: string;
  /** The constructed class or called function, e.g. `SlackClient`. */
  name: string;
}

export interface ScanReport {
  /** Absolute path of the folder that finding paths are relative to. */
  root: string;
  /** Files scanned (code, env files, package.json, policies, specs), relative to `root`, sorted by code unit. */
  files: string[];
  /** Findings not suppressed, sorted by file, line, column and rule. */
  findings: ScanFinding[];
  suppressed: SuppressedFinding[];
  /** Problems of the scan itself, sorted like findings; `runScan` always sets it. */
  notices?: ScanNotice[];
  /** Constructions of generated clients, sorted by file, line and column; `runScan` always sets it. */
  generatedClientUses?: GeneratedClientUse[];
}
