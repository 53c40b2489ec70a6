/**
 * The controls of one vendor's client as evidence: for each control of the mapping, the setting
 * its resolved policy gives it, in the policy's own key names.
 */
import { describeSetting, type InventoryEntry } from "../ci/inventory.js";
import { describeSettings } from "../ci/inventory-format.js";
import { compareCodeUnits } from "../model/registry.js";
import type { ResolvedPolicy } from "../policy/schema.js";
import { CONTROL_MAPPINGS, type ControlId, type ControlMapping } from "./control-mapping.js";

/** A control with the setting a vendor's policy gives it. */
export interface ControlEvidence extends ControlMapping {
  setting: string;
}

/** Facts of the generated client that the policy alone does not give. */
export type ClientFacts = Pick<InventoryEntry, "auth" | "operations">;

interface ControlSource {
  policy: ResolvedPolicy;
  client: ClientFacts;
}

type Override = ResolvedPolicy["operations"]["overrides"][string];

/** Text of the runtime controls that no policy key can turn off. */
const ALWAYS_ON = "always on";

const DESCRIBERS: Record<ControlId, (source: ControlSource) => string> = {
  "tls-minimum": ({ policy }) => policy.tls.minVersion,
  "certificate-validation": ({ policy }) => describeTrust(policy.tls.ca),
  "client-certificate": ({ policy }) => describeClientCertificate(policy.tls.clientCertificate),
  "base-url": ({ policy }) => policy.baseUrl,
  "allowed-hosts": ({ policy }) => describeAllowedHosts(policy),
  redirects: ({ policy }) => describeSettings(policy.redirects),
  timeouts: ({ policy }) =>
    withOverrides(describeSettings(policy.timeouts), policy, (override) => override.timeouts),
  retries: ({ policy }) => describeRetries(policy),
  "retry-budget": ({ policy }) => describeSettings(policy.retries.budget),
  "circuit-breaker": ({ policy }) => describeBreaker(policy.circuitBreaker),
  "max-response-bytes": ({ policy }) => describeByteCount(policy.maxResponseBytes),
  "content-type": () => ALWAYS_ON,
  "unknown-keys": ({ policy }) => policy.unknownKeys,
  "response-validation": ({ policy }) => describeValidation(policy),
  "prototype-safe-parsing": () => ALWAYS_ON,
  auth: ({ client }) => client.auth,
  "operation-selection": ({ policy, client }) => describeSelection(policy, client.operations),
};

/** Lists every control of the mapping, in its order, with the setting `policy` gives it. */
export function describeControls(policy: ResolvedPolicy, client: ClientFacts): ControlEvidence[] {
  return CONTROL_MAPPINGS.map((mapping) => ({
    ...mapping,
    setting: DESCRIBERS[mapping.id]({ policy, client }),
  }));
}

function describeTrust(ca: ResolvedPolicy["tls"]["ca"]): string {
  const base = `${ALWAYS_ON}; trusts Node's default CAs (and the system's, on Node 22.15 and later)`;
  if (ca.length === 0) return base;
  return `${base}, plus ${ca.map(describeSetting).join(", ")}`;
}

function describeClientCertificate(
  certificate: ResolvedPolicy["tls"]["clientCertificate"],
): string {
  if (certificate === undefined) return "none";
  return `cert: ${describeSetting(certificate.cert)}; key: ${describeSetting(certificate.key)}`;
}

function describeAllowedHosts(policy: ResolvedPolicy): string {
  const hosts = policy.allowedHosts.join(", ");
  return policy.allowInsecureHttp
    ? `${hosts}; plain http allowed to loopback hosts (allowInsecureHttp: true)`
    : `${hosts}; https only`;
}

function describeRetries(policy: ResolvedPolicy): string {
  const { budget: _budget, ...retries } = policy.retries;
  return withOverrides(describeSettings(retries), policy, (override) => {
    const fields: Record<string, unknown> = { ...override.retries };
    if (override.idempotencyKeyHeader !== undefined) {
      fields.idempotencyKeyHeader = override.idempotencyKeyHeader;
    }
    return fields;
  });
}

/** Leaves out the settings the breaker's mode ignores, so the text shows only what applies. */
function describeBreaker(breaker: ResolvedPolicy["circuitBreaker"]): string {
  const { mode, rate, failureThreshold, ...shared } = breaker;
  const modeSettings = mode === "rate" ? { rate } : { failureThreshold };
  return describeSettings({ mode, ...modeSettings, ...shared });
}

function describeByteCount(bytes: number): string {
  const mebibyte = 1024 * 1024;
  if (bytes % mebibyte === 0) return `${bytes} bytes (${bytes / mebibyte} MiB)`;
  if (bytes % 1024 === 0) return `${bytes} bytes (${bytes / 1024} KiB)`;
  return `${bytes} bytes`;
}

function describeValidation(policy: ResolvedPolicy): string {
  const reported = sortedOverrides(policy)
    .filter(([, override]) => override.validation === "report")
    .map(([key]) => key);
  if (reported.length === 0) return "enforce for every operation";
  return `enforce, except report for ${reported.join(", ")}`;
}

function describeSelection(policy: ResolvedPolicy, operationCount: number): string {
  const { include, exclude } = policy.operations;
  const parts = [
    `${operationCount} ${operationCount === 1 ? "operation" : "operations"} in the client`,
    `include: ${include.length === 0 ? "all" : include.join(", ")}`,
  ];
  if (exclude.length > 0) parts.push(`exclude: ${exclude.join(", ")}`);
  return parts.join("; ");
}

/**
 * Appends the per-operation values that `pick` selects to the client-wide text, e.g.
 * `connectMs: 5000; ... Overrides: users_info: attemptMs: 5000.`
 */
function withOverrides(
  clientWide: string,
  policy: ResolvedPolicy,
  pick: (override: Override) => object | undefined,
): string {
  const overrides = sortedOverrides(policy).flatMap(([key, override]) => {
    const fields = pick(override);
    if (fields === undefined || Object.keys(fields).length === 0) return [];
    return [`${key}: ${describeSettings(fields)}`];
  });
  if (overrides.length === 0) return clientWide;
  return `${clientWide}. Overrides: ${overrides.join(". ")}.`;
}

function sortedOverrides(policy: ResolvedPolicy): Array<[string, Override]> {
  return Object.entries(policy.operations.overrides).sort(([a], [b]) => compareCodeUnits(a, b));
}
