/**
 * Compares a resolved policy with the config's `floor:` block and lists every key that sets a
 * weaker control, located in the policy file.
 */
import { LineCounter, parseDocument } from "yaml";
import type { Floor } from "../config/floor.js";
import { formatPolicyPath, type PolicyProblem } from "../policy/errors.js";
import type { LoadedPolicy } from "../policy/load.js";
import { findPosition } from "../policy/locate.js";
import type { ResolvedPolicy } from "../policy/schema.js";

/** A policy key below the floor, as a policy problem of the policy file `file`. */
export interface FloorViolation extends PolicyProblem {
  file: string;
}

type KeyPath = Array<string | number>;

interface Weakness {
  path: KeyPath;
  message: string;
}

const TLS_RANK = { "TLSv1.2": 0, "TLSv1.3": 1 } as const;

type TimeoutKey = keyof ResolvedPolicy["timeouts"];

/** Returns one violation per policy key weaker than `floor`, in the policy's line order. */
export function findFloorViolations(loaded: LoadedPolicy, floor: Floor): FloorViolation[] {
  const policy = loaded.policy;
  const weaknesses = [
    ...checkTls(policy, floor),
    ...checkTimeouts(policy, floor),
    ...checkRedirects(policy, floor),
    ...checkUnknownKeys(policy, floor),
    ...checkResponseSize(policy, floor),
    ...checkAuth(policy, floor),
  ];
  if (weaknesses.length === 0) return [];

  const lineCounter = new LineCounter();
  const doc = parseDocument(loaded.source, { lineCounter, version: "1.2" });
  const violations = weaknesses.map((weakness): FloorViolation => {
    // A key the policy leaves out gets its default, which the message must say, since the
    // line then points at the enclosing key or the top of the file.
    const written = doc.hasIn(weakness.path);
    const message = written
      ? weakness.message
      : `${weakness.message} The policy does not set it, so the default applies.`;
    return {
      file: loaded.file,
      path: formatPolicyPath(weakness.path),
      ...findPosition(doc, lineCounter, weakness.path),
      message,
    };
  });
  const last = Number.MAX_SAFE_INTEGER;
  return violations.sort((a, b) => (a.line ?? last) - (b.line ?? last));
}

function checkTls(policy: ResolvedPolicy, floor: Floor): Weakness[] {
  const minimum = floor.tlsMinVersion;
  if (minimum === undefined || TLS_RANK[policy.tls.minVersion] >= TLS_RANK[minimum]) return [];
  const message = `is ${policy.tls.minVersion}, below the floor's tlsMinVersion ${minimum}. Set it to ${minimum}.`;
  return [{ path: ["tls", "minVersion"], message }];
}

function checkTimeouts(policy: ResolvedPolicy, floor: Floor): Weakness[] {
  const bounds = floor.maxTimeoutMs ?? {};
  const weaknesses: Weakness[] = [];
  for (const key of Object.keys(bounds).sort() as TimeoutKey[]) {
    const maximum = bounds[key];
    if (maximum === undefined) continue;
    const describe = (value: number) =>
      `is ${value} ms, above the floor's maxTimeoutMs.${key} of ${maximum} ms. Lower it to ${maximum} or less.`;
    if (policy.timeouts[key] > maximum) {
      weaknesses.push({ path: ["timeouts", key], message: describe(policy.timeouts[key]) });
    }
    for (const [operation, override] of Object.entries(policy.operations.overrides)) {
      const value = override.timeouts?.[key];
      if (value !== undefined && value > maximum) {
        const path = ["operations", "overrides", operation, "timeouts", key];
        weaknesses.push({ path, message: describe(value) });
      }
    }
  }
  return weaknesses;
}

function checkRedirects(policy: ResolvedPolicy, floor: Floor): Weakness[] {
  if (floor.redirects !== "none" || policy.redirects.mode === "none") return [];
  const message = `is ${policy.redirects.mode}, but the floor allows no redirects (redirects: none). Set redirects.mode: none.`;
  return [{ path: ["redirects", "mode"], message }];
}

function checkUnknownKeys(policy: ResolvedPolicy, floor: Floor): Weakness[] {
  if (floor.unknownKeys !== "strict" || policy.unknownKeys === "strict") return [];
  const message = `is ${policy.unknownKeys}, but the floor requires unknownKeys: strict, which rejects responses with undeclared keys. Set unknownKeys: strict.`;
  return [{ path: ["unknownKeys"], message }];
}

function checkResponseSize(policy: ResolvedPolicy, floor: Floor): Weakness[] {
  const maximum = floor.maxResponseBytes;
  if (maximum === undefined || policy.maxResponseBytes <= maximum) return [];
  const message = `is ${policy.maxResponseBytes} bytes, above the floor's maxResponseBytes of ${maximum}. Lower it to ${maximum} or less.`;
  return [{ path: ["maxResponseBytes"], message }];
}

function checkAuth(policy: ResolvedPolicy, floor: Floor): Weakness[] {
  if (floor.requireAuth !== true || policy.auth.scheme !== "none") return [];
  const message =
    "is none, but the floor requires authentication (requireAuth: true). Set auth to bearer, apiKey or basic.";
  return [{ path: ["auth", "scheme"], message }];
}
