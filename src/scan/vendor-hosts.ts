/**
 * The vendors of the config as the scan uses them: the host names each policy covers (its base
 * URL's host and its allowedHosts), the folder of each generated client, and the policy and spec
 * files that are searched for secrets.
 */
import path from "node:path";
import type { LoadedConfig } from "../config/load.js";
import { loadPolicy } from "../policy/load.js";
import type { GeneratedFolder } from "./entities.js";

/** A vendor that covers a host, named in `client-bypass` findings. */
export interface HostVendor {
  vendor: string;
  /** Absolute path of the vendor's policy file. */
  policyFile: string;
  /** Absolute path of the generated client's folder. */
  out: string;
}

export interface VendorHosts {
  /** Vendors by host name (as `URL.hostname` writes it), in config order for a shared host. */
  byHostname: ReadonlyMap<string, HostVendor>;
  generatedFolders: GeneratedFolder[];
  /** Absolute paths of every policy and spec file in the config. */
  configuredFiles: string[];
}

/** Loads every policy the config names; a policy that fails to load throws its PolicyError. */
export async function loadVendorHosts(config: LoadedConfig | undefined): Promise<VendorHosts> {
  const byHostname = new Map<string, HostVendor>();
  const generatedFolders: GeneratedFolder[] = [];
  const configuredFiles: string[] = [];
  for (const vendor of config?.vendors ?? []) {
    const { policy } = await loadPolicy(vendor.policy);
    const entry = { vendor: vendor.name, policyFile: vendor.policy, out: vendor.out };
    const hostnames = [new URL(policy.baseUrl).hostname, ...policy.allowedHosts.map(hostnameOf)];
    for (const hostname of hostnames) {
      if (!byHostname.has(hostname)) byHostname.set(hostname, entry);
    }
    generatedFolders.push({ vendor: vendor.name, out: path.resolve(vendor.out) });
    configuredFiles.push(path.resolve(vendor.policy), path.resolve(vendor.spec));
  }
  return { byHostname, generatedFolders, configuredFiles };
}

/** Returns the host name of an allowedHosts entry, `host` or `host:port` as the policy schema normalised it. */
function hostnameOf(entry: string): string {
  return new URL(`https://${entry}`).hostname;
}
