/**
 * The inputs of the evidence tests: the shipped examples plus a vendor whose every text is
 * hostile markup, copied into a scratch folder. Evidence built from them gets a fixed date and
 * commit, so the output does not depend on when or where the tests run.
 */
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse, stringify } from "yaml";
import { checkVendor, type VendorCheck } from "../../src/ci/check.js";
import { configCheckTargets } from "../../src/ci/check-targets.js";
import { loadConfig } from "../../src/config/load.js";
import { buildEvidence, type Evidence } from "../../src/evidence/build.js";
import type { CommitInfo } from "../../src/evidence/git-commit.js";
import { readScanReport } from "../../src/evidence/scan-report-file.js";
import { copyShippedExamples } from "../cli/run-cli.js";
import { REPO_ROOT } from "../support/paths.js";

export const FIXTURES = path.join(REPO_ROOT, "test/fixtures/evidence");

/** Name of the hostile vendor in the workspace's config. */
export const HOSTILE_VENDOR = "evil<script>alert('config')</script>|x";

/** Names of the workspace's vendors in config order. */
export const WORKSPACE_VENDORS = ["pagerduty-events", "slack", HOSTILE_VENDOR];

export const FIXED_DATE = new Date("2025-01-31T09:30:00.250Z");
export const FIXED_SHA = "0123456789abcdef0123456789abcdef01234567";
export const FIXED_COMMIT: CommitInfo = {
  status: "commit",
  sha: FIXED_SHA,
  changedFiles: 2,
  untrackedPaths: 1,
};

/**
 * Copies the shipped examples, the hostile vendor and the scan report fixture (as
 * `scan-report.json`) into a new folder whose config lists all three vendors under the shipped
 * floor, and returns the folder.
 */
export function makeEvidenceWorkspace(prefix: string): string {
  const dir = copyShippedExamples(prefix);
  cpSync(path.join(FIXTURES, "hostile"), path.join(dir, "hostile"), { recursive: true });
  cpSync(path.join(FIXTURES, "scan-report.json"), path.join(dir, "scan-report.json"));
  const configFile = path.join(dir, "vendorguard.config.yaml");
  const config = parse(readFileSync(configFile, "utf8")) as { vendors: object[] };
  config.vendors.push({
    name: HOSTILE_VENDOR,
    spec: "hostile/openapi.json",
    policy: "hostile/policy.yaml",
    out: "generated/hostile",
  });
  writeFileSync(configFile, stringify(config));
  return dir;
}

/** Runs `check` for every vendor of the workspace and builds its evidence, with or without the scan report. */
export async function buildWorkspaceEvidence(
  dir: string,
  options: { withScan: boolean },
): Promise<Evidence> {
  const config = await loadConfig(path.join(dir, "vendorguard.config.yaml"));
  const checks: VendorCheck[] = [];
  for (const target of configCheckTargets(config, {})) checks.push(await checkVendor(target));
  const reportFile = path.join(dir, "scan-report.json");
  const scan = options.withScan
    ? {
        report: await readScanReport(reportFile),
        origin: { kind: "file" as const, file: reportFile, modifiedAt: FIXED_DATE },
      }
    : undefined;
  return buildEvidence({
    config,
    checks,
    ...(scan === undefined ? {} : { scan }),
    generatedAt: FIXED_DATE,
    commit: FIXED_COMMIT,
  });
}
