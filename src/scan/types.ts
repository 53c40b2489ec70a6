/**
 * The result of `vendorguard scan`: outbound HTTP calls and settings in a codebase that bypass
 * the controls of the generated clients. `evidence` and the SARIF, JSON and text reports read it.
 */

/** How serious a finding is; `--fail-on` compares with this order: note < warning < error. */
export type ScanSeverity = "error" | "warning" | "note";

/** Stable identifier of each rule; SARIF `ruleId` and suppressions use it. */
export type ScanRuleId =
  | "host-not-allowed"
  | "client-bypass"
  | "plain-http"
  | "hardcoded-secret"
  | "tls-verification-disabled";

export interface ScanFinding {
  ruleId: ScanRuleId;
  severity: ScanSeverity;
  /** Path relative to the scan root, with `/` separators. */
  file: string;
  /** 1-based line of the finding's start. */
  line: number;
  /** 1-based column of the finding's start, counted in UTF-16 code units. */
  column: number;
  /** What was found, naming the host, call or setting. Never contains a secret's value. */
  message: string;
  /** What to do about it. */
  fix: string;
  /** The host a URL finding targets, when the scan could resolve it. */
  host?: string;
}

/** A finding that an inline comment or the config suppressed, with the reason it gives. */
export interface SuppressedFinding extends ScanFinding {
  suppression: { source: "inline" | "config"; reason: string };
}

export interface ScanReport {
  /** Absolute path of the folder that finding paths are relative to. */
  root: string;
  /** Files parsed, relative to `root`, sorted by code unit. */
  files: string[];
  /** Findings not suppressed, sorted by file, line, column and rule. */
  findings: ScanFinding[];
  suppressed: SuppressedFinding[];
}
