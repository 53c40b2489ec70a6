/**
 * The evidence data: everything the evidence page shows, gathered from the config, the `check`
 * results and a `scan` report. The renderers turn it into HTML and Markdown without reading
 * anything, so the date and commit are inputs here rather than read by the renderers.
 */
import path from "node:path";
import type { VendorCheck } from "../ci/check.js";
import type { DocumentReadOptions } from "../ci/document-options.js";
import { buildInventory, type InventoryEntry } from "../ci/inventory.js";
import type { LoadedConfig } from "../config/load.js";
import { loadPolicy } from "../policy/load.js";
import type { ScanFinding, ScanReport, SuppressedFinding } from "../scan/types.js";
import { VENDORGUARD_VERSION } from "../version.js";
import { type CheckSummary, summarizeCheck } from "./check-summary.js";
import { CRITERIA, type Criterion } from "./control-mapping.js";
import { type ControlEvidence, describeControls } from "./controls.js";
import type { CommitInfo } from "./git-commit.js";
import { portablePath } from "./paths.js";
import { scanCommand } from "./scan-report-file.js";

/** Origin of a scan report. */
export type ScanOrigin =
  /** Read from a file that `vendorguard scan --format json` wrote. */
  | { kind: "file"; file: string; modifiedAt: Date }
  /** Produced by the same run that builds the evidence, at its date and commit. */
  | { kind: "run" };

export interface ScanInput {
  report: ScanReport;
  origin: ScanOrigin;
}

export interface EvidenceInput {
  config: LoadedConfig;
  /** One `checkVendor` result per vendor of the config, matched by the vendor's name. */
  checks: VendorCheck[];
  /** Absent when no scan ran; the page then names the command that produces a report. */
  scan?: ScanInput;
  generatedAt: Date;
  commit: CommitInfo;
}

export interface VendorEvidence {
  inventory: InventoryEntry;
  /** sha256 the config records for the document, when it records one. */
  recordedSha256?: string;
  controls: ControlEvidence[];
  check: CheckSummary;
}

export type ScanEvidence =
  | { status: "not-run"; command: string }
  | {
      status: "included";
      /** `run`, or the report's file relative to the config file's folder, with its modification time. */
      origin: { kind: "run" } | { kind: "file"; file: string; modifiedAt: string };
      /** The scanned folder, relative to the config file's folder when it lies inside it. */
      root: string;
      fileCount: number;
      findings: ScanFinding[];
      suppressed: SuppressedFinding[];
    };

export interface Evidence {
  vendorguardVersion: string;
  /** When the evidence was made, in ISO 8601 UTC to the second. */
  generatedAt: string;
  commit: CommitInfo;
  /** The config file's name; every other path is relative to its folder. */
  configFile: string;
  criteria: readonly Criterion[];
  vendors: VendorEvidence[];
  scan: ScanEvidence;
}

/** Gathers the evidence of every vendor of the config, in config order. */
export async function buildEvidence(
  input: EvidenceInput,
  options: DocumentReadOptions = {},
): Promise<Evidence> {
  const configDir = path.dirname(path.resolve(input.config.file));
  const inventory = await buildInventory(input.config, options);
  const vendors: VendorEvidence[] = [];
  for (const [index, vendor] of input.config.vendors.entries()) {
    const entry = inventory[index]!;
    const loaded = await loadPolicy(path.relative(process.cwd(), vendor.policy));
    vendors.push({
      inventory: entry,
      ...(vendor.sha256 === undefined ? {} : { recordedSha256: vendor.sha256 }),
      controls: describeControls(loaded.policy, entry),
      check: summarizeCheck(findCheck(input.checks, vendor.name), configDir),
    });
  }
  return {
    vendorguardVersion: VENDORGUARD_VERSION,
    generatedAt: isoSeconds(input.generatedAt),
    commit: input.commit,
    configFile: path.basename(input.config.file),
    criteria: CRITERIA,
    vendors,
    scan: describeScan(input.scan, configDir),
  };
}

function findCheck(checks: VendorCheck[], name: string): VendorCheck {
  const check = checks.find((candidate) => candidate.name === name);
  if (check === undefined) {
    throw new Error(`buildEvidence got no check result for vendor ${name}; pass one per vendor.`);
  }
  return check;
}

function describeScan(scan: ScanInput | undefined, configDir: string): ScanEvidence {
  if (scan === undefined) return { status: "not-run", command: scanCommand("scan-report.json") };
  const origin =
    scan.origin.kind === "run"
      ? { kind: "run" as const }
      : {
          kind: "file" as const,
          file: portablePath(configDir, scan.origin.file),
          modifiedAt: isoSeconds(scan.origin.modifiedAt),
        };
  return {
    status: "included",
    origin,
    root: portablePath(configDir, scan.report.root),
    fileCount: scan.report.files.length,
    findings: scan.report.findings,
    suppressed: scan.report.suppressed,
  };
}

/** ISO 8601 in UTC without milliseconds, e.g. `2025-01-31T09:30:00Z`. */
function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
