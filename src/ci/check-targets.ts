/** The vendors of a config file as `check` targets, with the config's digests and floor. */
import path from "node:path";
import type { LoadedConfig } from "../config/load.js";
import type { CheckTarget } from "./check.js";
import type { DocumentReadOptions } from "./document-options.js";

/** Returns one target per vendor in config order; paths are relative to the working directory. */
export function configCheckTargets(
  config: LoadedConfig,
  readOptions: DocumentReadOptions,
): CheckTarget[] {
  return config.vendors.map((vendor) => ({
    name: vendor.name,
    specPath: relativeToWorkingDirectory(vendor.spec),
    policyPath: relativeToWorkingDirectory(vendor.policy),
    outDir: vendor.out,
    ...(vendor.sha256 === undefined ? {} : { recordedSha256: vendor.sha256 }),
    ...(config.floor === undefined ? {} : { floor: config.floor }),
    ...readOptions,
  }));
}

/** Returns `file` relative to the working directory, or `.` for the directory itself. */
export function relativeToWorkingDirectory(file: string): string {
  return path.relative(process.cwd(), file) || ".";
}
