/**
 * The audit criteria that each control of a generated client serves, with the reason. This file
 * is data only, and the evidence page lists the controls in its order, titles and reasons.
 */

/** Identifier of an audit criterion the evidence page maps controls to. */
export type CriterionId = "SOC 2 CC9.2" | "SOC 2 CC7.1" | "OWASP API10:2023";

export interface Criterion {
  id: CriterionId;
  name: string;
  /** The criterion's requirement, in one sentence. */
  summary: string;
}

export const CRITERIA: readonly Criterion[] = [
  {
    id: "SOC 2 CC9.2",
    name: "Vendor and business partner risk management",
    summary: "The organisation assesses and manages the risks that come from its vendors.",
  },
  {
    id: "SOC 2 CC7.1",
    name: "Detection and monitoring",
    summary:
      "The organisation detects configuration changes that introduce vulnerabilities, and newly found vulnerabilities.",
  },
  {
    id: "OWASP API10:2023",
    name: "Unsafe Consumption of APIs",
    summary:
      "A client must not trust a third-party API's data, redirects, availability or transport.",
  },
];

/** Identifier of a control that a vendor's resolved policy configures or the runtime always applies. */
export type ControlId =
  | "tls-minimum"
  | "certificate-validation"
  | "client-certificate"
  | "base-url"
  | "allowed-hosts"
  | "redirects"
  | "timeouts"
  | "retries"
  | "retry-budget"
  | "circuit-breaker"
  | "max-response-bytes"
  | "content-type"
  | "unknown-keys"
  | "response-validation"
  | "prototype-safe-parsing"
  | "auth"
  | "operation-selection";

export interface ControlMapping {
  id: ControlId;
  title: string;
  criteria: readonly CriterionId[];
  /** Reason the control serves those criteria, in one line. */
  reason: string;
}

export const CONTROL_MAPPINGS: readonly ControlMapping[] = [
  {
    id: "tls-minimum",
    title: "TLS minimum version",
    criteria: ["SOC 2 CC9.2", "OWASP API10:2023"],
    reason:
      "Data exchanged with the vendor travels only over TLS at this version or later, never over an unencrypted channel.",
  },
  {
    id: "certificate-validation",
    title: "Certificate validation",
    criteria: ["SOC 2 CC9.2", "OWASP API10:2023"],
    reason:
      "The client always verifies the vendor's certificate chain and host name; no policy key, client option or NODE_TLS_REJECT_UNAUTHORIZED value turns this off.",
  },
  {
    id: "client-certificate",
    title: "Client certificate (mutual TLS)",
    criteria: ["SOC 2 CC9.2"],
    reason:
      "When set, the vendor can authenticate this client; the private key comes from a file, an environment variable or a provider, never from the policy.",
  },
  {
    id: "base-url",
    title: "Pinned base URL",
    criteria: ["SOC 2 CC9.2", "OWASP API10:2023"],
    reason:
      "Every request goes to this origin and base path, so a path or parameter value cannot send a call elsewhere.",
  },
  {
    id: "allowed-hosts",
    title: "Allowed hosts",
    criteria: ["SOC 2 CC9.2", "OWASP API10:2023"],
    reason:
      "A request to any other host or port, or over another scheme, is rejected before it is sent.",
  },
  {
    id: "redirects",
    title: "Redirects",
    criteria: ["OWASP API10:2023"],
    reason:
      "Redirects are not followed blindly: none rejects every 3xx response, sameOrigin follows only redirects that stay on the base URL's origin.",
  },
  {
    id: "timeouts",
    title: "Timeouts",
    criteria: ["SOC 2 CC9.2", "OWASP API10:2023"],
    reason:
      "A slow or hung vendor cannot hold a connection or a caller beyond these limits, per phase and for the whole call.",
  },
  {
    id: "retries",
    title: "Retries",
    criteria: ["SOC 2 CC9.2", "OWASP API10:2023"],
    reason:
      "Failed calls are retried a bounded number of times with exponential backoff, and only for the listed methods or with an idempotency key.",
  },
  {
    id: "retry-budget",
    title: "Retry budget",
    criteria: ["OWASP API10:2023"],
    reason:
      "Retries across the client are capped relative to the calls sent, so an outage of the vendor does not turn into a retry storm.",
  },
  {
    id: "circuit-breaker",
    title: "Circuit breaker",
    criteria: ["SOC 2 CC9.2", "SOC 2 CC7.1", "OWASP API10:2023"],
    reason:
      "Calls stop going to a failing vendor, and every state change is emitted as a breaker event that monitoring can record.",
  },
  {
    id: "max-response-bytes",
    title: "Maximum response size",
    criteria: ["OWASP API10:2023"],
    reason:
      "A body larger than this after decompression is rejected, which bounds the memory a vendor's response can take.",
  },
  {
    id: "content-type",
    title: "Content-Type check",
    criteria: ["OWASP API10:2023"],
    reason:
      "A response whose Content-Type is not one the document declares is rejected before its body is parsed.",
  },
  {
    id: "unknown-keys",
    title: "Unknown response keys",
    criteria: ["SOC 2 CC7.1", "OWASP API10:2023"],
    reason:
      "strict rejects keys the document does not declare, so an undeclared change by the vendor is detected; strip drops them before the data reaches the application.",
  },
  {
    id: "response-validation",
    title: "Response validation",
    criteria: ["SOC 2 CC7.1", "OWASP API10:2023"],
    reason:
      "Every response body is checked against a zod schema generated from the document; enforce throws on a mismatch, report returns the data and emits a validation event.",
  },
  {
    id: "prototype-safe-parsing",
    title: "Prototype-pollution-safe parsing",
    criteria: ["OWASP API10:2023"],
    reason:
      "JSON.parse stores a __proto__ key as an own property and zod never copies it, so a response cannot change an object's prototype.",
  },
  {
    id: "auth",
    title: "Authentication",
    criteria: ["SOC 2 CC9.2"],
    reason:
      "Credentials come from environment variables or provider functions, never from the policy: the policy schema rejects a literal secret.",
  },
  {
    id: "operation-selection",
    title: "Operation selection",
    criteria: ["SOC 2 CC9.2"],
    reason:
      "Only the selected operations get a method; excluded operations cannot be called through the client and are left out of document validation.",
  },
];
