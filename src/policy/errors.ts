/**
 * The error raised for a policy file that cannot be used, with every problem found in it.
 */

/** One problem in a policy file, located by key path and, when known, by line and column. */
export interface PolicyProblem {
  /** Key path in the policy, e.g. `retries.maxAttempts` or `allowedHosts[1]`, or empty for the whole file. */
  path: string;
  /** Line in the file, counted from 1. */
  line?: number;
  /** Column in the file, counted from 1. */
  column?: number;
  /** Explanation of what is wrong and what to do, written for the person who edits the policy. */
  message: string;
}

/** Stable code of {@link PolicyError}, also used by {@link isPolicyError}. */
export const POLICY_ERROR_CODE = "invalid_policy";

/** A policy file that failed to read, parse or validate, with every problem found in `problems`. */
export class PolicyError extends Error {
  override readonly name = "PolicyError";
  readonly code = POLICY_ERROR_CODE;
  readonly file: string;
  readonly problems: readonly PolicyProblem[];

  constructor(file: string, problems: readonly PolicyProblem[]) {
    super(formatPolicyErrorMessage(file, problems));
    this.file = file;
    this.problems = problems;
  }
}

/**
 * Returns whether `value` is a {@link PolicyError}. It checks the code instead of using
 * `instanceof`, so it also recognises errors from another copy of this package.
 */
export function isPolicyError(value: unknown): value is PolicyError {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const candidate = value as { code?: unknown; problems?: unknown; file?: unknown };
  return (
    candidate.code === POLICY_ERROR_CODE &&
    Array.isArray(candidate.problems) &&
    typeof candidate.file === "string"
  );
}

function formatPolicyErrorMessage(file: string, problems: readonly PolicyProblem[]): string {
  const lines = problems.map((problem) => `  ${formatProblem(file, problem)}`);
  return [`Invalid policy ${file}:`, ...lines].join("\n");
}

/** Formats one problem as `file:line:column path: message`, leaving out the parts it lacks. */
export function formatProblem(file: string, problem: PolicyProblem): string {
  let where = file;
  if (problem.line !== undefined) {
    where += `:${problem.line}`;
    if (problem.column !== undefined) {
      where += `:${problem.column}`;
    }
  }
  const path = problem.path === "" ? "" : ` ${problem.path}:`;
  return `${where}${path} ${problem.message}`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Formats a key path the way policy messages print it: `retries.maxAttempts`, `allowedHosts[1]`,
 * and `operations.overrides["GET /repos"]` for keys that are not plain identifiers.
 */
export function formatPolicyPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const segment of path) {
    if (typeof segment === "number") {
      text += `[${segment}]`;
    } else if (typeof segment === "string" && IDENTIFIER.test(segment)) {
      text += text === "" ? segment : `.${segment}`;
    } else {
      text += `[${JSON.stringify(String(segment))}]`;
    }
  }
  return text;
}
