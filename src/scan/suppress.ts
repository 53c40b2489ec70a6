/**
 * Applying suppressions to findings. A suppression without a reason applies to nothing, and one
 * that matches no finding is reported, so every accepted finding has a reason an auditor can
 * read and no stale suppression waits for new code to hide.
 */
import path from "node:path";
import picomatch from "picomatch";
import type { ConfigSuppression } from "../config/scan.js";
import { toSlashes } from "./file-filter.js";
import { type InlineSuppression, SUPPRESSION_DIRECTIVE } from "./inline-suppressions.js";
import { SCAN_NOTICES } from "./rules.js";
import type { ScanFinding, ScanNotice, ScanNoticeCode, SuppressedFinding } from "./types.js";

export interface SuppressionSources {
  inline: readonly InlineSuppression[];
  config: readonly ConfigSuppression[];
  /** Folder the config globs are relative to. */
  globBase: string;
  /** Scan root, which finding paths are relative to. */
  root: string;
}

export interface SuppressionResult {
  findings: ScanFinding[];
  suppressed: SuppressedFinding[];
  notices: ScanNotice[];
}

interface ConfigEntry {
  entry: ConfigSuppression;
  matches: (file: string) => boolean;
  used: boolean;
}

interface InlineEntry {
  entry: InlineSuppression;
  usedRules: Set<string>;
}

/** Splits `findings` into those that stay and those a valid suppression covers. */
export function applySuppressions(
  findings: readonly ScanFinding[],
  sources: SuppressionSources,
): SuppressionResult {
  const result: SuppressionResult = { findings: [], suppressed: [], notices: [] };
  const inline = validInline(sources.inline, result.notices);
  const config = validConfig(sources, result.notices);
  for (const finding of findings) {
    const suppression = suppressionOf(finding, inline, config);
    if (suppression === undefined) result.findings.push(finding);
    else result.suppressed.push({ ...finding, suppression });
  }
  result.notices.push(...unusedNotices(inline, config, sources.root));
  return result;
}

/** Keeps the inline suppressions with a reason; each other one gets a notice. */
function validInline(entries: readonly InlineSuppression[], notices: ScanNotice[]): InlineEntry[] {
  const valid: InlineEntry[] = [];
  for (const entry of entries) {
    if (hasReason(entry.reason)) {
      valid.push({ entry, usedRules: new Set() });
      continue;
    }
    const message = `${SUPPRESSION_DIRECTIVE} ${entry.rules.join(", ")} gives no reason, so it suppresses nothing.`;
    const fix = "Add the reason after ' -- ', e.g. -- calls the vendor's sandbox in CI only.";
    notices.push(inlineNotice(entry, "suppression-without-reason", message, fix));
  }
  return valid;
}

/** Keeps the config suppressions with a reason; each other one gets a notice. */
function validConfig(sources: SuppressionSources, notices: ScanNotice[]): ConfigEntry[] {
  const valid: ConfigEntry[] = [];
  for (const entry of sources.config) {
    if (hasReason(entry.reason)) {
      valid.push({ entry, matches: globMatcher(entry.file, sources), used: false });
      continue;
    }
    const message = `The ${entry.rule} suppression for ${entry.file} gives no reason, so it suppresses nothing.`;
    const fix = "Add reason: with why the findings are accepted.";
    notices.push(configNotice(entry, sources.root, "suppression-without-reason", message, fix));
  }
  return valid;
}

/**
 * Returns the suppression that covers `finding`, an inline one first, and marks every matching
 * suppression as used, so that none of them is reported as unused.
 */
function suppressionOf(
  finding: ScanFinding,
  inline: readonly InlineEntry[],
  config: readonly ConfigEntry[],
): SuppressedFinding["suppression"] | undefined {
  const inlineMatches = inline.filter(
    ({ entry }) =>
      entry.file === finding.file &&
      entry.targetLine === finding.line &&
      entry.rules.includes(finding.ruleId),
  );
  const configMatches = config.filter(
    ({ entry, matches }) => entry.rule === finding.ruleId && matches(finding.file),
  );
  for (const match of inlineMatches) match.usedRules.add(finding.ruleId);
  for (const match of configMatches) match.used = true;
  const inlineReason = inlineMatches[0]?.entry.reason;
  if (inlineReason !== undefined) return { source: "inline", reason: inlineReason };
  const configReason = configMatches[0]?.entry.reason;
  return configReason === undefined ? undefined : { source: "config", reason: configReason };
}

function hasReason(reason: string | undefined): boolean {
  return reason !== undefined && reason.trim() !== "";
}

function globMatcher(glob: string, sources: SuppressionSources): (file: string) => boolean {
  const matches = picomatch(glob, { dot: true });
  return (file) =>
    matches(toSlashes(path.relative(sources.globBase, path.join(sources.root, file))));
}

function unusedNotices(
  inline: readonly InlineEntry[],
  config: readonly ConfigEntry[],
  root: string,
): ScanNotice[] {
  const notices: ScanNotice[] = [];
  for (const { entry, usedRules } of inline) {
    const unused = entry.rules.filter((rule) => !usedRules.has(rule));
    if (unused.length === 0) continue;
    notices.push(
      inlineNotice(
        entry,
        "unused-suppression",
        `${SUPPRESSION_DIRECTIVE} ${unused.join(", ")} matches no finding on line ${entry.targetLine}.`,
        "Remove the rule ids that no longer apply, or move the comment to the line above the finding.",
      ),
    );
  }
  for (const { entry, used } of config) {
    if (used) continue;
    notices.push(
      configNotice(
        entry,
        root,
        "unused-suppression",
        `The ${entry.rule} suppression for ${entry.file} matches no finding.`,
        "Remove the entry, or correct its file glob (relative to the config file's folder) or rule.",
      ),
    );
  }
  return notices;
}

function inlineNotice(
  entry: InlineSuppression,
  code: ScanNoticeCode,
  message: string,
  fix: string,
): ScanNotice {
  return {
    code,
    severity: SCAN_NOTICES[code].severity,
    file: entry.file,
    line: entry.line,
    column: entry.column,
    message,
    fix,
  };
}

function configNotice(
  entry: ConfigSuppression,
  root: string,
  code: ScanNoticeCode,
  message: string,
  fix: string,
): ScanNotice {
  const severity = SCAN_NOTICES[code].severity;
  if (entry.source === undefined) return { code, severity, file: "(scan options)", message, fix };
  const file = toSlashes(path.relative(root, path.resolve(entry.source.file)));
  return {
    code,
    severity,
    file,
    line: entry.source.line,
    column: entry.source.column,
    message,
    fix,
  };
}
