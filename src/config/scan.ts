/**
 * The `scan:` block of `vendorguard.config.yaml`: which files `vendorguard scan` reads and which
 * of its findings are accepted, each with the reason an auditor reads.
 */
import { z } from "zod";
import { SCAN_RULE_IDS } from "../scan/types.js";

const globList = (purpose: string) =>
  z
    .array(z.string().min(1))
    .optional()
    .describe(`Globs of the files ${purpose}, relative to the config file's folder.`);

export const scanSuppressionSchema = z.strictObject({
  file: z
    .string()
    .min(1)
    .describe("Glob of the files the suppression covers, relative to the config file's folder."),
  rule: z.enum(SCAN_RULE_IDS).describe("Rule id whose findings in those files are accepted."),
  reason: z
    .string()
    .optional()
    .describe(
      "Why the findings are accepted. Required: scan reports a suppression without one and applies it to nothing.",
    ),
});

export const scanConfigSchema = z
  .strictObject({
    include: globList("to scan; when present, other files are left out"),
    exclude: globList("left out of the scan"),
    testFiles: z
      .enum(["include", "exclude"])
      .optional()
      .describe("Whether test files are scanned. Default: exclude."),
    suppressions: z.array(scanSuppressionSchema).optional(),
  })
  .describe("Settings of vendorguard scan.");

/** A `scan.suppressions` entry, with the line it starts on for messages about it. */
export interface ConfigSuppression {
  file: string;
  rule: (typeof SCAN_RULE_IDS)[number];
  /** Absent or blank makes the suppression invalid; scan reports it. */
  reason?: string;
  /** The entry's place in the config file, for notices about it; absent for suppressions passed in code. */
  source?: { file: string; line: number; column: number };
}

/** The parsed `scan:` block, with suppressions located in the config file. */
export interface ScanConfig {
  include?: string[];
  exclude?: string[];
  testFiles?: "include" | "exclude";
  suppressions: ConfigSuppression[];
}
