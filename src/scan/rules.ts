/**
 * The meaning and severity of each scan rule and notice, and the order of severities that
 * `--fail-on` compares with. The text, SARIF and evidence reports take their wording from here.
 */
import type {
  SCAN_RULE_IDS,
  ScanNoticeCode,
  ScanReport,
  ScanRuleId,
  ScanSeverity,
} from "./types.js";

/** A rule or notice kind as reports describe it. */
export interface ScanRuleDescription {
  severity: ScanSeverity;
  /** One sentence naming what is found. */
  summary: string;
  /** The rule's checks and the way to resolve a finding. */
  help: string;
}

export const SCAN_RULES: Readonly<Record<ScanRuleId, ScanRuleDescription>> = {
  "host-not-allowed": {
    severity: "error",
    summary: "An outbound HTTP call targets a host that is in no policy's allowedHosts.",
    help: "The call's URL (a literal, a template whose start fixes the host, a const in the same file or new URL with literal parts) names a host that no vendor policy in vendorguard.config.yaml lists. Add a policy for the vendor and call it through its generated client, or remove the call.",
  },
  "client-bypass": {
    severity: "warning",
    summary: "An outbound HTTP call goes directly to a vendor host that has a generated client.",
    help: "The host is the base URL's host or in allowedHosts of a vendor policy, so a generated client exists for it. A direct call skips the client's response validation, host pinning, timeouts, retries and circuit breaker. Call the generated client instead.",
  },
  "plain-http": {
    severity: "error",
    summary: "An outbound HTTP call uses http:// to a host that is not loopback.",
    help: "Plain http sends requests, responses and credentials in clear text. Use https://. Loopback hosts (127.0.0.0/8, ::1, localhost) are exempt.",
  },
  "hardcoded-secret": {
    severity: "error",
    summary: "A secret is written in a source, policy or spec file.",
    help: "secretlint's recommended rules recognised a credential (an API token, private key, password in a URL or connection string). Revoke it, remove it from the file and its history, and read it from the environment or a secret manager at run time.",
  },
  "tls-verification-disabled": {
    severity: "error",
    summary: "TLS certificate verification is turned off.",
    help: "rejectUnauthorized: false or NODE_TLS_REJECT_UNAUTHORIZED=0 makes connections accept any certificate, so anyone on the network path can read and change the traffic. Remove the setting; for a private CA, trust its certificate (the ca option, or tls.ca in the policy).",
  },
};

export const SCAN_NOTICES: Readonly<Record<ScanNoticeCode, ScanRuleDescription>> = {
  "suppression-without-reason": {
    severity: "error",
    summary: "A suppression gives no reason, so it suppresses nothing.",
    help: "Every suppression needs a reason that an auditor can read: write it after ' -- ' in the comment, or as reason: in scan.suppressions.",
  },
  "unused-suppression": {
    severity: "error",
    summary: "A suppression matches no finding.",
    help: "The code it was written for changed or the rule id is wrong. Remove the suppression, or correct its rule id, file glob or line.",
  },
  "invalid-suppression": {
    severity: "error",
    summary: "A comment starts like a suppression but cannot be read as one.",
    help: "Write '// vendorguard-ignore-next-line <rule-id>[, <rule-id>...] -- <reason>' on the line above the finding, with rule ids from the scan rules.",
  },
  "parse-error": {
    severity: "warning",
    summary: "A file has a syntax error.",
    help: "The TypeScript parser recovered and the rest of the file was scanned, but code near the error may have been read wrongly. Fix the syntax error.",
  },
  "file-skipped": {
    severity: "note",
    summary: "A file was not scanned because it is binary, too large or unreadable.",
    help: "Exclude the file in scan.exclude if it is not source code, or make it readable text.",
  },
  "unresolved-url": {
    severity: "note",
    summary: "An outbound call's URL could not be resolved, so no host rule checked it.",
    help: "The URL comes from a variable, a parameter, another file or the environment. Call the vendor through its generated client, or write the URL so its host is a literal in this file.",
  },
};

const SEVERITY_RANK: Readonly<Record<ScanSeverity, number>> = { note: 1, warning: 2, error: 3 };

/** The `--fail-on` threshold: a severity, or `none`, with which no finding fails the run. */
export type FailOn = ScanSeverity | "none";

/** Returns whether an item of `severity` fails a scan run with `--fail-on failOn`. */
export function failsAt(severity: ScanSeverity, failOn: FailOn): boolean {
  return failOn !== "none" && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}

/** Counts the findings and notices of `report` that fail a run with `--fail-on failOn`. */
export function countFailing(report: ScanReport, failOn: FailOn): number {
  const items = [...report.findings, ...(report.notices ?? [])];
  return items.filter((item) => failsAt(item.severity, failOn)).length;
}

// Fails to compile when a rule id is missing from SCAN_RULE_IDS, which reports iterate.
const UNLISTED_RULES: Record<Exclude<ScanRuleId, (typeof SCAN_RULE_IDS)[number]>, never> = {};
void UNLISTED_RULES;
