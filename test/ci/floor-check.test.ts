import assert from "node:assert/strict";
import { test } from "node:test";
import { findFloorViolations } from "../../src/ci/floor-check.js";
import type { Floor } from "../../src/config/floor.js";
import { parsePolicy, type LoadedPolicy } from "../../src/policy/load.js";
import { policyWith } from "../policy/policy-text.js";

function loaded(keys: Record<string, string> = {}): LoadedPolicy {
  const source = policyWith(keys);
  return {
    policy: parsePolicy(source, "vendor.policy.yaml"),
    source,
    sha256: "",
    file: "vendor.policy.yaml",
  };
}

/** Returns `line path` of each violation. */
function violations(policy: LoadedPolicy, floor: Floor): string[] {
  return findFloorViolations(policy, floor).map(
    (violation) => `${violation.line ?? "-"} ${violation.path}`,
  );
}

test("policy at the floor has no violations", () => {
  const floor: Floor = {
    tlsMinVersion: "TLSv1.2",
    redirects: "none",
    unknownKeys: "strict",
    maxResponseBytes: 10485760,
    maxTimeoutMs: { callMs: 45000 },
  };
  assert.deepEqual(violations(loaded(), floor), []);
});

test("each weaker key is reported at its line", () => {
  const policy = loaded({
    tls: "{ minVersion: TLSv1.2 }",
    redirects: "{ mode: sameOrigin }",
    unknownKeys: "strip",
    maxResponseBytes: "20000000",
    timeouts: "{ headersMs: 20000 }",
  });
  const floor: Floor = {
    tlsMinVersion: "TLSv1.3",
    redirects: "none",
    unknownKeys: "strict",
    maxResponseBytes: 10485760,
    maxTimeoutMs: { headersMs: 15000 },
  };
  assert.deepEqual(violations(policy, floor), [
    "4 tls.minVersion",
    "5 redirects.mode",
    "6 unknownKeys",
    "7 maxResponseBytes",
    "8 timeouts.headersMs",
  ]);
});

test("default below the floor says the policy does not set it", () => {
  const [violation] = findFloorViolations(loaded(), {
    requireAuth: true,
    maxTimeoutMs: { callMs: 60000 },
  });
  assert.equal(violation?.path, "auth.scheme");
  assert.equal(
    violation?.message,
    "is none, but the floor requires authentication (requireAuth: true). Set auth to bearer, apiKey or basic. The policy does not set it, so the default applies.",
  );
});

test("sameOrigin floor accepts sameOrigin redirects", () => {
  assert.deepEqual(
    violations(loaded({ redirects: "{ mode: sameOrigin }" }), { redirects: "sameOrigin" }),
    [],
  );
});

test("timeout override above the floor is reported", () => {
  const policy = loaded({
    operations: "{ overrides: { getThing: { timeouts: { attemptMs: 20000, callMs: 44000 } } } }",
  });
  assert.deepEqual(
    findFloorViolations(policy, { maxTimeoutMs: { attemptMs: 16000 } }).map(
      (violation) => violation.path,
    ),
    ["operations.overrides.getThing.timeouts.attemptMs"],
  );
});
