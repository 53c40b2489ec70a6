/**
 * Maps a resolved policy onto the RuntimeConfig that generated clients consume.
 */
import type { OperationOverride, RuntimeConfig, TlsConfig } from "../runtime/config.js";
import { matchesOperation, type OperationRef } from "./operation-key.js";
import type { ResolvedPolicy } from "./schema.js";

/**
 * Builds the runtime configuration of a resolved policy. Every value is copied, so changing the
 * result leaves the policy alone.
 *
 * The runtime looks overrides up by operationId. With `operations` (the operations of the
 * vendor document), an override keyed `METHOD /path` is stored under the operationId of the
 * operation it names. Without them, and for keys that match no operation, keys stay as written;
 * use {@link findOperationKeyProblems} first to reject such keys.
 */
export function toRuntimeConfig(
  policy: ResolvedPolicy,
  operations?: readonly OperationRef[],
): RuntimeConfig {
  return {
    vendor: policy.vendor.name,
    baseUrl: policy.baseUrl,
    allowedHosts: [...policy.allowedHosts],
    allowInsecureHttp: policy.allowInsecureHttp,
    auth: structuredClone(policy.auth),
    tls: mapTls(policy.tls),
    timeouts: { ...policy.timeouts },
    retries: {
      ...policy.retries,
      statuses: [...policy.retries.statuses],
      methods: [...policy.retries.methods],
      budget: { ...policy.retries.budget },
    },
    circuitBreaker: { ...policy.circuitBreaker, rate: { ...policy.circuitBreaker.rate } },
    redirects: { ...policy.redirects },
    maxResponseBytes: policy.maxResponseBytes,
    operations: mapOverrides(policy.operations.overrides, operations),
  };
}

/** Copies the TLS settings; `clientCertificate` is left out when the policy has none. */
function mapTls(tls: ResolvedPolicy["tls"]): TlsConfig {
  const copy: TlsConfig = { minVersion: tls.minVersion, ca: structuredClone(tls.ca) };
  if (tls.clientCertificate !== undefined) {
    copy.clientCertificate = structuredClone(tls.clientCertificate);
  }
  return copy;
}

function mapOverrides(
  overrides: ResolvedPolicy["operations"]["overrides"],
  operations: readonly OperationRef[] | undefined,
): Record<string, OperationOverride> {
  const result: Record<string, OperationOverride> = {};
  for (const [key, override] of Object.entries(overrides)) {
    const operationId =
      operations?.find((operation) => matchesOperation(key, operation))?.operationId ?? key;
    if (Object.hasOwn(result, operationId)) {
      throw new Error(
        `Internal error: two overrides resolve to operation ${operationId}. Call findOperationKeyProblems, which reports this, before toRuntimeConfig.`,
      );
    }
    result[operationId] = copyOverride(override);
  }
  return result;
}

function copyOverride(override: OperationOverride): OperationOverride {
  const copy: OperationOverride = {};
  if (override.timeouts) {
    copy.timeouts = dropUndefined({ ...override.timeouts });
  }
  if (override.retries) {
    copy.retries = dropUndefined(structuredClone(override.retries));
  }
  if (override.validation !== undefined) {
    copy.validation = override.validation;
  }
  if (override.idempotencyKeyHeader !== undefined) {
    copy.idempotencyKeyHeader = override.idempotencyKeyHeader;
  }
  return copy;
}

/** Removes keys whose value is undefined, so the generated policy file lists only set keys. */
function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) {
      delete value[key];
    }
  }
  return value;
}

/** A problem with an operation key, as a key path in the policy and a message. */
export interface OperationKeyProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Lists operation keys in `operations.include`, `operations.exclude` and `operations.overrides`
 * that name no operation of the document, and overrides that name the same operation twice.
 * Turn the result into an error with `createPolicyError` from load.ts.
 */
export function findOperationKeyProblems(
  policy: ResolvedPolicy,
  operations: readonly OperationRef[],
): OperationKeyProblem[] {
  const problems: OperationKeyProblem[] = [];
  const unmatched = (key: string) =>
    `${JSON.stringify(key)} names no operation of the document. Check the operationId, or the method and path as the document writes them.`;

  for (const list of ["include", "exclude"] as const) {
    policy.operations[list].forEach((key, index) => {
      if (!operations.some((operation) => matchesOperation(key, operation))) {
        problems.push({ path: ["operations", list, index], message: unmatched(key) });
      }
    });
  }

  const claimedBy = new Map<string, string>();
  for (const key of Object.keys(policy.operations.overrides)) {
    const operation = operations.find((candidate) => matchesOperation(key, candidate));
    const path = ["operations", "overrides", key];
    if (!operation) {
      problems.push({ path, message: unmatched(key) });
      continue;
    }
    const earlier = claimedBy.get(operation.operationId);
    if (earlier !== undefined) {
      const message = `names the same operation as ${JSON.stringify(earlier)} (${operation.method} ${operation.path}). Merge the two overrides.`;
      problems.push({ path, message });
      continue;
    }
    claimedBy.set(operation.operationId, key);
  }
  return problems;
}
