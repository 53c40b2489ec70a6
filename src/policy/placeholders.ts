/**
 * Placeholders: the values `vendorguard init` writes where only a person can give the answer
 * (who owns the vendor, why it is used, which data it sees). A policy that still has one is
 * rejected, so a starter policy cannot reach generation, or an audit, unreviewed.
 */
import type { RawIssue } from "./messages.js";

/** Prefix of every placeholder value, e.g. `TODO-owner`. */
export const PLACEHOLDER_PREFIX = "TODO-";

/** Returns whether `value` is a placeholder left by `vendorguard init`. */
export function isPlaceholder(value: unknown): boolean {
  return typeof value === "string" && value.startsWith(PLACEHOLDER_PREFIX);
}

/**
 * Returns an error function that says what to write instead when the input is a placeholder,
 * and otherwise leaves the message to the policy's error map. The problem's key path names the key.
 */
export function placeholderError(expected: string): (issue: RawIssue) => string | undefined {
  return (issue) =>
    isPlaceholder(issue.input)
      ? `is still the placeholder ${JSON.stringify(issue.input)} that vendorguard init wrote. Replace it with ${expected}.`
      : undefined;
}
