/**
 * Reads a policy file (YAML, or JSON through the same parser since JSON is YAML 1.2), validates
 * it and returns the resolved policy, or throws one PolicyError that lists every problem with
 * its line and column.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { isScalar, LineCounter, parseDocument, visit, type Document } from "yaml";
import type { z } from "zod";
import { formatPolicyPath, PolicyError, type PolicyProblem } from "./errors.js";
import { findPosition, rangeStart } from "./locate.js";
import { describeIssue, UNKNOWN_KEY_SEPARATOR } from "./messages.js";
import { policySchema, type ResolvedPolicy } from "./schema.js";

/** A validated policy together with the text it came from. */
export interface LoadedPolicy {
  policy: ResolvedPolicy;
  /** The file's text, as read. */
  source: string;
  /** SHA-256 of the file's bytes, in lowercase hex. */
  sha256: string;
  /** The path as passed to {@link loadPolicy}. */
  file: string;
}

/** A problem located by key path only, before lines and columns are looked up. */
export interface PathProblem {
  path: readonly PropertyKey[];
  message: string;
}

/** Maximum size of a policy file in bytes. A real policy has a few kilobytes. */
export const MAX_POLICY_BYTES = 1024 * 1024;

/**
 * Maximum number of alias expansions while reading one document. Anchors and aliases can share a
 * block between overrides, but nested aliases grow the data exponentially ("billion laughs").
 */
export const MAX_ALIAS_COUNT = 100;

/** Reads, parses and validates the policy file `file`. */
export async function loadPolicy(file: string): Promise<LoadedPolicy> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new PolicyError(file, [{ path: "", message: describeReadFailure(error) }]);
  }
  if (bytes.length > MAX_POLICY_BYTES) {
    const message = `the file has ${bytes.length} bytes, more than the ${MAX_POLICY_BYTES} bytes a policy may have.`;
    throw new PolicyError(file, [{ path: "", message }]);
  }

  let source: string;
  try {
    source = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new PolicyError(file, [{ path: "", message: "the file is not valid UTF-8 text." }]);
  }

  const policy = parsePolicy(source, file);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  return { policy, source, sha256, file };
}

/** Parses and validates policy text. `file` only names the text in problems. */
export function parsePolicy(text: string, file: string): ResolvedPolicy {
  if (text.length > MAX_POLICY_BYTES) {
    throw new PolicyError(file, [
      { path: "", message: `the policy is longer than ${MAX_POLICY_BYTES} characters.` },
    ]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    version: "1.2",
  });

  const syntaxProblems = findSyntaxProblems(doc, lineCounter);
  if (syntaxProblems.length > 0) {
    throw new PolicyError(file, sortProblems(syntaxProblems));
  }

  const data = convertToData(doc, lineCounter, file);
  if (data === null || data === undefined) {
    const message =
      "the policy is empty. Write a mapping with at least vendor, baseUrl and allowedHosts.";
    throw new PolicyError(file, [{ path: "", message }]);
  }

  const result = policySchema.safeParse(data, { error: describeIssue });
  if (result.success) {
    return result.data;
  }
  const problems = problemsFromIssues(result.error.issues);
  throw new PolicyError(file, locateProblems(doc, lineCounter, problems));
}

/**
 * Builds a PolicyError for problems found after loading, e.g. operation keys that match no
 * operation of the document, with lines and columns looked up in the policy's source.
 */
export function createPolicyError(
  loaded: LoadedPolicy,
  problems: readonly PathProblem[],
): PolicyError {
  const lineCounter = new LineCounter();
  const doc = parseDocument(loaded.source, { lineCounter, uniqueKeys: true, version: "1.2" });
  return new PolicyError(loaded.file, locateProblems(doc, lineCounter, problems));
}

function findSyntaxProblems(doc: Document, lineCounter: LineCounter): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const error of [...doc.errors, ...doc.warnings]) {
    const position = lineCounter.linePos(error.pos[0]);
    const message = `invalid YAML or JSON: ${error.message.replace(/\.?$/, ".")}`;
    problems.push({ path: "", line: position.line, column: position.col, message });
  }

  // zod validates a JavaScript object, whose keys are strings. The YAML library would turn a list
  // or mapping used as a key into text and print a process warning.
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key)) {
        const offset = rangeStart(pair.key) ?? 0;
        const position = lineCounter.linePos(offset);
        const message = "keys must be plain strings, not lists, mappings or aliases.";
        problems.push({ path: "", line: position.line, column: position.col, message });
      }
    },
  });
  return problems;
}

function convertToData(doc: Document, lineCounter: LineCounter, file: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const position = firstAliasPosition(doc, lineCounter);
    const reason = error instanceof Error ? error.message : String(error);
    const message = /alias count/i.test(reason)
      ? `YAML aliases expand to more than ${MAX_ALIAS_COUNT} nodes, which is how an alias bomb ("billion laughs") exhausts memory. Write the values out instead of nesting aliases.`
      : `cannot resolve the YAML document: ${reason}.`;
    throw new PolicyError(file, [{ path: "", ...position, message }]);
  }
}

function firstAliasPosition(
  doc: Document,
  lineCounter: LineCounter,
): { line?: number; column?: number } {
  let offset: number | undefined;
  visit(doc, {
    Alias(_, alias) {
      offset = rangeStart(alias);
      return visit.BREAK;
    },
  });
  if (offset === undefined) {
    return {};
  }
  const position = lineCounter.linePos(offset);
  return { line: position.line, column: position.col };
}

/** Splits zod issues into one problem per key path, keeping the first problem of each path. */
function problemsFromIssues(issues: readonly z.core.$ZodIssue[]): PathProblem[] {
  const problems: PathProblem[] = [];
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") {
      problems.push({ path: issue.path, message: issue.message });
      continue;
    }
    const messages = issue.message.split(UNKNOWN_KEY_SEPARATOR);
    issue.keys.forEach((key, index) => {
      const message = messages.length === issue.keys.length ? messages[index] : undefined;
      problems.push({ path: [...issue.path, key], message: message ?? issue.message });
    });
  }

  // One path can collect several issues (a number above both its maximum and the safe integer
  // range); the first is the most specific.
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = formatPolicyPath(problem.path);
    const isNew = !seen.has(key);
    seen.add(key);
    return isNew;
  });
}

function locateProblems(
  doc: Document,
  lineCounter: LineCounter,
  problems: readonly PathProblem[],
): PolicyProblem[] {
  const located = problems.map((problem): PolicyProblem => {
    const position = findPosition(doc, lineCounter, problem.path);
    return { path: formatPolicyPath(problem.path), ...position, message: problem.message };
  });
  return sortProblems(located);
}

/** Orders problems by line and column, then by path. Problems without a line come last. */
function sortProblems(problems: PolicyProblem[]): PolicyProblem[] {
  const last = Number.MAX_SAFE_INTEGER;
  return problems.sort(
    (a, b) =>
      (a.line ?? last) - (b.line ?? last) ||
      (a.column ?? last) - (b.column ?? last) ||
      compareCodeUnits(a.path, b.path),
  );
}

function compareCodeUnits(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

function describeReadFailure(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "ENOENT") {
    return "cannot read the policy: the file does not exist. Check the --policy path, or the policy entry in vendorguard.config.yaml.";
  }
  if (code === "EISDIR") {
    return "cannot read the policy: the path is a directory.";
  }
  if (code === "EACCES" || code === "EPERM") {
    return "cannot read the policy: permission denied.";
  }
  const reason = error instanceof Error ? error.message : String(error);
  return `cannot read the policy: ${reason}`;
}
