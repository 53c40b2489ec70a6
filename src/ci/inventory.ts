/**
 * `inventory`: one entry per vendor of the config, from its policy and document, as audit
 * evidence of who owns each vendor, what data it exchanges and which controls its client enforces.
 * Everything comes from files in the repository, so the same commit always gives the same output.
 */
import path from "node:path";
import type { LoadedConfig } from "../config/load.js";
import { buildModel } from "../model/build.js";
import { loadPolicy } from "../policy/load.js";
import type { ResolvedPolicy } from "../policy/schema.js";
import { loadSpec } from "../spec/load.js";
import { type DocumentReadOptions, toLoadOptions } from "./document-options.js";

export interface InventoryEntry {
  /** Name of the vendor's entry in the config. */
  vendor: string;
  /** vendor.name of the policy, which the client's errors and events carry. */
  vendorName: string;
  owner: string;
  purpose: string;
  dataClassification: string[];
  owningService: string;
  /** Scheme and where the credential comes from, e.g. `bearer (env SLACK_BOT_TOKEN)`; never a secret. */
  auth: string;
  baseUrl: string;
  allowedHosts: string[];
  tlsMinVersion: string;
  timeouts: ResolvedPolicy["timeouts"];
  retries: ResolvedPolicy["retries"];
  circuitBreaker: ResolvedPolicy["circuitBreaker"];
  redirects: ResolvedPolicy["redirects"];
  maxResponseBytes: number;
  unknownKeys: string;
  /** Operations in the generated client, after the policy's include and exclude. */
  operations: number;
  /** Paths relative to the config file's folder, with `/` separators. */
  specFile: string;
  specTitle: string;
  specVersion: string;
  specSha256: string;
  policyFile: string;
  policySha256: string;
}

/** Reads every vendor's policy and document; the entries keep the config's order. */
export async function buildInventory(
  config: LoadedConfig,
  options: DocumentReadOptions = {},
): Promise<InventoryEntry[]> {
  const base = path.dirname(path.resolve(config.file));
  const readOptions = toLoadOptions(options);
  const entries: InventoryEntry[] = [];
  for (const vendor of config.vendors) {
    const loaded = await loadPolicy(path.relative(process.cwd(), vendor.policy));
    const policy = loaded.policy;
    const spec = await loadSpec(path.relative(process.cwd(), vendor.spec), readOptions);
    const model = buildModel(spec, {
      include: policy.operations.include,
      exclude: policy.operations.exclude,
    });
    entries.push({
      vendor: vendor.name,
      vendorName: policy.vendor.name,
      owner: policy.vendor.owner,
      purpose: policy.vendor.purpose,
      dataClassification: [...policy.vendor.dataClassification],
      owningService: policy.vendor.owningService,
      auth: describeAuth(policy.auth),
      baseUrl: policy.baseUrl,
      allowedHosts: [...policy.allowedHosts],
      tlsMinVersion: policy.tls.minVersion,
      timeouts: { ...policy.timeouts },
      retries: structuredClone(policy.retries),
      circuitBreaker: { ...policy.circuitBreaker },
      redirects: { ...policy.redirects },
      maxResponseBytes: policy.maxResponseBytes,
      unknownKeys: policy.unknownKeys,
      operations: model.operations.length,
      specFile: portablePath(base, vendor.spec),
      specTitle: model.title,
      specVersion: model.version,
      specSha256: spec.sha256,
      policyFile: portablePath(base, vendor.policy),
      policySha256: loaded.sha256,
    });
  }
  return entries;
}

/**
 * Describes the auth scheme followed by its other keys, e.g. `bearer (secret: env SLACK_BOT_TOKEN)`.
 * A policy contains no secrets, only the environment variables or providers they come from.
 */
export function describeAuth(auth: ResolvedPolicy["auth"]): string {
  const { scheme, ...settings } = auth as { scheme: string } & Record<string, unknown>;
  const details = Object.entries(settings).map(
    ([key, value]) => `${key}: ${describeSetting(value)}`,
  );
  return details.length === 0 ? scheme : `${scheme} (${details.join(", ")})`;
}

/** Describes a setting's value as `key value` words, e.g. `env SLACK_BOT_TOKEN` for `{ env: SLACK_BOT_TOKEN }`. */
export function describeSetting(value: unknown): string {
  if (Array.isArray(value)) return value.map(describeSetting).join(" ");
  if (value !== null && typeof value === "object") {
    return Object.entries(value)
      .map(([key, inner]) => `${key} ${describeSetting(inner)}`)
      .join(" ");
  }
  return String(value);
}

function portablePath(base: string, file: string): string {
  return path.relative(base, file).split(path.sep).join("/");
}
