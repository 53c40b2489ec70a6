/**
 * `vendorguard scan` as a library: finds outbound HTTP calls that bypass the generated clients,
 * plain-http calls, hard-coded secrets and disabled TLS verification in a codebase, and returns
 * them as a {@link ScanReport} that the text, JSON and SARIF reporters and `evidence` read.
 */
import path from "node:path";
import type { LoadedConfig } from "../config/load.js";
import type { ConfigSuppression } from "../config/scan.js";
import { compareCodeUnits } from "../model/registry.js";
import { collectFiles } from "./collect.js";
import { createFileFilter } from "./file-filter.js";
import type { InlineSuppression } from "./inline-suppressions.js";
import { DEFAULT_MAX_FILE_BYTES, readScanText } from "./read-text.js";
import { SCAN_NOTICES } from "./rules.js";
import { scanFile } from "./scan-file.js";
import { applySuppressions } from "./suppress.js";
import type { GeneratedClientUse, ScanFinding, ScanNotice, ScanReport } from "./types.js";
import { loadVendorHosts } from "./vendor-hosts.js";

export type { ConfigSuppression } from "../config/scan.js";
export { renderScanJson } from "./report-json.js";
export { renderScanSarif } from "./report-sarif.js";
export { renderScanText } from "./report-text.js";
export {
  countFailing,
  type FailOn,
  failsAt,
  SCAN_NOTICES,
  SCAN_RULES,
  type ScanRuleDescription,
} from "./rules.js";
export { DEFAULT_MAX_FILE_BYTES } from "./read-text.js";
export { SUPPRESSION_DIRECTIVE } from "./inline-suppressions.js";
export * from "./types.js";

export interface ScanOptions {
  /** Folder that report paths are relative to; relative `paths` are resolved against it. */
  root: string;
  /** Files and folders to scan. Default: `root`. */
  paths?: readonly string[];
  /** The loaded vendorguard.config.yaml: its policies' hosts, generated clients and `scan:` block. */
  config?: LoadedConfig;
  /** Whether test files are scanned. Default: the config's `scan.testFiles`, else false. */
  includeTestFiles?: boolean;
  /** Suppressions added to the config's `scan.suppressions`. */
  suppressions?: readonly ConfigSuppression[];
  /** Largest file scanned, in bytes; larger ones get a `file-skipped` notice. Default 2 MiB. */
  maxFileBytes?: number;
}

/** Scans the files `options` select and returns every finding, suppression and notice. */
export async function runScan(options: ScanOptions): Promise<ScanReport> {
  const root = path.resolve(options.root);
  const config = options.config;
  const vendors = await loadVendorHosts(config);
  const globBase = config === undefined ? root : path.dirname(path.resolve(config.file));
  const scanConfig = config?.scan;
  const accepts = createFileFilter({
    globBase,
    ...(scanConfig?.include === undefined ? {} : { include: scanConfig.include }),
    ...(scanConfig?.exclude === undefined ? {} : { exclude: scanConfig.exclude }),
    includeTestFiles: options.includeTestFiles ?? scanConfig?.testFiles === "include",
  });
  const targets = await collectFiles({
    root,
    paths: (options.paths ?? [root]).map((entry) => path.resolve(root, entry)),
    excludedFolders: vendors.generatedFolders.map((folder) => path.join(folder.out, "runtime")),
    accepts,
    dataFiles: vendors.configuredFiles,
  });

  const files: string[] = [];
  const findings: ScanFinding[] = [];
  const notices: ScanNotice[] = [];
  const inline: InlineSuppression[] = [];
  const generatedClientUses: GeneratedClientUse[] = [];
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  for (const target of targets) {
    const read = await readScanText(target.path, maxBytes);
    if (!read.ok) {
      notices.push(skippedNotice(target.file, read.reason));
      continue;
    }
    files.push(target.file);
    const scan = await scanFile(target, read.text, root, vendors);
    findings.push(...scan.findings);
    notices.push(...scan.notices);
    inline.push(...scan.suppressions);
    generatedClientUses.push(...scan.generatedClientUses);
  }

  const applied = applySuppressions(findings, {
    inline,
    config: [...(scanConfig?.suppressions ?? []), ...(options.suppressions ?? [])],
    globBase,
    root,
  });
  return {
    root,
    files,
    findings: sortLocated(applied.findings, (finding) => finding.ruleId),
    suppressed: sortLocated(applied.suppressed, (finding) => finding.ruleId),
    notices: sortLocated([...notices, ...applied.notices], (notice) => notice.code),
    generatedClientUses: sortLocated(generatedClientUses, (use) => use.name),
  };
}

function skippedNotice(file: string, reason: string): ScanNotice {
  return {
    code: "file-skipped",
    severity: SCAN_NOTICES["file-skipped"].severity,
    file,
    message: `${file} was not scanned: it ${reason}.`,
    fix: "Add the file to scan.exclude if it is not source code, or store it as UTF-8 text.",
  };
}

/** Sorts by file, line and column, then by `key`, all in code-unit order. */
function sortLocated<T extends { file: string; line?: number; column?: number }>(
  items: T[],
  key: (item: T) => string,
): T[] {
  return items.sort(
    (a, b) =>
      compareCodeUnits(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareCodeUnits(key(a), key(b)),
  );
}
