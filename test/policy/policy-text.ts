/**
 * Builders of policy text for the policy tests.
 */
import assert from "node:assert/strict";
import { isPolicyError, type PolicyError } from "../../src/policy/errors.js";
import { parsePolicy } from "../../src/policy/load.js";

/** Top-level keys of the smallest valid policy, as YAML flow values. */
export const MINIMAL_KEYS: Record<string, string> = {
  vendor:
    "{ name: GitHub, owner: platform-security@example.com, purpose: Sync repository metadata, owningService: repo-sync, dataClassification: [internal] }",
  baseUrl: "https://api.github.com",
  allowedHosts: "[api.github.com]",
};

/**
 * Returns YAML for the minimal policy with `keys` set (as YAML flow values) on top. A key set to
 * undefined is left out.
 */
export function policyWith(keys: Record<string, string | undefined> = {}): string {
  const merged: Record<string, string | undefined> = { ...MINIMAL_KEYS, ...keys };
  return Object.entries(merged)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${key}: ${value}\n`)
    .join("");
}

/** Parses `text`, which must be invalid, and returns the PolicyError it raises. */
export function parseInvalid(text: string, file = "test.policy.yaml"): PolicyError {
  try {
    parsePolicy(text, file);
  } catch (error) {
    assert.ok(isPolicyError(error), `expected a PolicyError, got ${String(error)}`);
    return error;
  }
  assert.fail(`expected the policy to be invalid:\n${text}`);
}

/** One invalid policy: keys set on the minimal policy, and the single problem it must raise. */
export interface InvalidCase {
  /** Top-level keys set on top of the minimal policy, as YAML flow values. Undefined removes a key. */
  keys: Record<string, string | undefined>;
  /** Path of the one expected problem. */
  path: string;
  /** Text the problem's message must contain. */
  fragment: string;
}

/** Asserts that the policy of `invalid` raises exactly one problem, at its path and with its text. */
export function assertSingleProblem(invalid: InvalidCase): PolicyError {
  const error = parseInvalid(policyWith(invalid.keys));
  assert.deepEqual(
    error.problems.map((problem) => problem.path),
    [invalid.path],
    `problems: ${error.message}`,
  );
  assert.ok(error.problems[0]?.message.includes(invalid.fragment), `message: ${error.message}`);
  return error;
}
