/**
 * Schemas for numbers that need not be integers, such as ratios and rates.
 */
import { z } from "zod";
import { describeIssue, describeReceived, type RawIssue } from "./messages.js";

/** Bounds of a decimal number and an example that the message shows. */
export interface DecimalRange {
  min: number;
  max: number;
  /** Excludes both bounds instead of including them. */
  exclusive?: boolean;
  example: string;
}

/** Returns a schema for a finite number within `range`. */
export function decimal(range: DecimalRange) {
  const bounds = range.exclusive
    ? `greater than ${range.min} and less than ${range.max}`
    : `from ${range.min} to ${range.max}`;
  const error = (issue: RawIssue): string =>
    issue.code === "too_small" || issue.code === "too_big"
      ? `expected a number ${bounds}, e.g. ${range.example}, got ${describeReceived(issue)}.`
      : describeIssue(issue);
  const number = z.number({ error });
  return range.exclusive
    ? number.gt(range.min, { error }).lt(range.max, { error })
    : number.min(range.min, { error }).max(range.max, { error });
}
