/** The meaning of each kind of file problem that `check` finds, and the fix for it. */
import type { FileProblem } from "./check.js";

/** Text that follows a file's path in a report, e.g. `generated/slack/client.ts is missing: ...`. */
export const FILE_PROBLEM_TEXT: Record<FileProblem["kind"], string> = {
  missing: "is missing: generation produces it. Run vendorguard generate.",
  extra:
    "is extra: generation does not produce it. Delete it, or run vendorguard generate, which replaces the folder (with --force when the file was not written by vendorguard).",
  stale:
    "is stale: the document, the policy or vendorguard changed since it was generated. Run vendorguard generate.",
  edited:
    "was edited by hand: its header names the current document, policy and vendorguard version, but its code differs. Make the change in the policy or document and run vendorguard generate.",
};
