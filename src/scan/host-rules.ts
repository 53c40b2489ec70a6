/**
 * The rules over outbound calls: `plain-http` for http:// to a host that is not loopback,
 * `client-bypass` for a host a generated client covers, `host-not-allowed` for a host no policy
 * lists. A call whose URL the scan cannot read gets an `unresolved-url` notice instead.
 */
import path from "node:path";
import { isLoopbackHostname } from "../policy/url-rules.js";
import { toSlashes } from "./file-filter.js";
import type { OutboundCall } from "./http-calls.js";
import { positionOf } from "./parse.js";
import { SCAN_NOTICES, SCAN_RULES } from "./rules.js";
import type { ScanFinding, ScanNotice, ScanRuleId } from "./types.js";
import { targetOf, type UrlTarget } from "./url-target.js";
import type { VendorHosts } from "./vendor-hosts.js";

/** The file of a call, and the root that paths in messages are relative to. */
export interface CallLocation {
  file: string;
  root: string;
}

/** Returns the findings of one call, or the notice that its URL could not be resolved. */
export function checkCall(
  call: OutboundCall,
  location: CallLocation,
  vendors: VendorHosts,
): { findings: ScanFinding[]; notice?: ScanNotice } {
  const result = targetOf(call.url);
  const position = positionOf(call.node);
  if (result.kind === "unknown") {
    const notice: ScanNotice = {
      code: "unresolved-url",
      severity: SCAN_NOTICES["unresolved-url"].severity,
      file: location.file,
      ...position,
      message: `${call.label} is called with a URL whose host is not written in this file, so no host rule checked it.`,
      fix: "Call the vendor through its generated client, or write the URL so that its host is a literal here.",
    };
    return { findings: [], notice };
  }
  if (result.kind !== "target" || isLoopbackHostname(result.target.hostname)) {
    return { findings: [] };
  }
  const finding = (ruleId: ScanRuleId, message: string, fix: string): ScanFinding => ({
    ruleId,
    severity: SCAN_RULES[ruleId].severity,
    file: location.file,
    ...position,
    message,
    fix,
    host: result.target.hostname,
  });
  const findings = [hostFinding(call, result.target, location, vendors, finding)];
  if (result.target.protocol === "http:") {
    findings.unshift(
      finding(
        "plain-http",
        `${call.label} sends a request to ${result.target.origin} over plain http, which is not encrypted.`,
        "Use https://. Plain http is accepted only to loopback hosts (127.0.0.0/8, ::1, localhost).",
      ),
    );
  }
  return { findings };
}

function hostFinding(
  call: OutboundCall,
  target: UrlTarget,
  location: CallLocation,
  vendors: VendorHosts,
  finding: (ruleId: ScanRuleId, message: string, fix: string) => ScanFinding,
): ScanFinding {
  const vendor = vendors.byHostname.get(target.hostname);
  if (vendor === undefined) {
    return finding(
      "host-not-allowed",
      `${call.label} calls ${target.origin}, whose host ${target.hostname} is in no policy's allowedHosts.`,
      "Add a policy for this vendor to vendorguard.config.yaml and call it through the generated client, or remove the call.",
    );
  }
  const relative = (file: string) => toSlashes(path.relative(location.root, file)) || ".";
  return finding(
    "client-bypass",
    `${call.label} calls ${target.origin} directly, bypassing the generated ${vendor.vendor} client (policy ${relative(vendor.policyFile)}).`,
    `Call ${vendor.vendor} through the generated client in ${relative(vendor.out)}, which validates responses and enforces the policy.`,
  );
}
