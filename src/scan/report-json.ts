/** The JSON scan report: the {@link ScanReport} itself, for scripts and `evidence`. */
import type { ScanReport } from "./types.js";

/** Renders `report` as indented JSON ending in a newline. */
export function renderScanJson(report: ScanReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
