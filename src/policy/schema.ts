/**
 * The policy schema: the single source of truth for the keys of a policy file, their defaults,
 * the `Policy` and `ResolvedPolicy` types and the JSON Schema shipped for editors.
 */
import { z } from "zod";
import { authSchema } from "./auth-schema.js";
import { checkPolicyConsistency } from "./consistency.js";
import { circuitBreakerSchema } from "./breaker-schema.js";
import { distinctList, integer, text } from "./fields.js";
import { operationsSchema } from "./operations-schema.js";
import { isPlaceholder, placeholderError } from "./placeholders.js";
import { redirectsSchema, retriesSchema, timeoutsSchema } from "./resilience-schema.js";
import { tlsSchema } from "./tls-schema.js";
import { normalizeHost, parseBaseUrl } from "./url-rules.js";

export const DATA_CLASSIFICATIONS = [
  "public",
  "internal",
  "confidential",
  "PII",
  "PCI",
  "PHI",
  "secret",
] as const;

const vendorSchema = z
  .strictObject({
    name: text(100).describe(
      "Vendor name, carried by every error and event, e.g. GitHub. Required.",
    ),
    owner: text(200)
      .refine(notPlaceholder, {
        error: placeholderError("the team or person accountable for this vendor"),
      })
      .describe(
        "Team or person accountable for this vendor, e.g. platform-security@example.com. Required.",
      ),
    purpose: text(500)
      .refine(notPlaceholder, {
        error: placeholderError("what the vendor is used for"),
      })
      .describe("What the vendor is used for, e.g. Sync repository metadata. Required."),
    owningService: text(200)
      .refine(notPlaceholder, {
        error: placeholderError("the service that calls the vendor"),
      })
      .describe("Service that calls the vendor, e.g. repo-sync. Required."),
    dataClassification: distinctList(
      z.enum(DATA_CLASSIFICATIONS, {
        error: placeholderError(
          `the classes of data exchanged with the vendor, from ${DATA_CLASSIFICATIONS.join(", ")}`,
        ),
      }),
    )
      .min(1)
      .describe(
        `Classes of data exchanged with the vendor, at least one of ${DATA_CLASSIFICATIONS.join(", ")}. Required.`,
      ),
  })
  .describe("The vendor and who is accountable for it. Required.");

function notPlaceholder(value: string): boolean {
  return !isPlaceholder(value);
}

const baseUrlSchema = z
  .string()
  .transform((raw, context) => {
    const parsed = parseBaseUrl(raw);
    if (!parsed.ok) {
      context.addIssue({ code: "custom", input: raw, message: parsed.message });
      return z.NEVER;
    }
    return parsed.value.normalized;
  })
  .meta({ format: "uri", pattern: "^https?://" })
  .describe(
    "Pinned origin and optional base path, e.g. https://api.github.com. https only, without query, fragment or user info. A trailing slash is dropped. Required.",
  );

const hostSchema = z.string().transform((entry, context) => {
  const normalized = normalizeHost(entry);
  if (!normalized.ok) {
    context.addIssue({ code: "custom", input: entry, message: normalized.message });
    return z.NEVER;
  }
  return normalized.value;
});

/** The schema of a policy file. Parsing applies every default. */
export const policySchema = z
  .strictObject({
    $schema: z
      .string()
      .optional()
      .describe("URI of this JSON Schema, for editors. vendorguard ignores it. Default: none."),
    vendor: vendorSchema,
    baseUrl: baseUrlSchema,
    allowInsecureHttp: z
      .boolean()
      .default(false)
      .describe(
        "Testing switch: allows an http:// base URL, and only when its host is loopback (127.0.0.0/8, ::1, localhost). Default: false.",
      ),
    allowedHosts: distinctList(hostSchema)
      .min(1)
      .describe(
        "Hosts that requests may go to, as host or host:port without scheme or wildcards. An entry without a port means port 443. Must include the base URL's host. Required.",
      ),
    auth: authSchema,
    tls: tlsSchema,
    timeouts: timeoutsSchema,
    retries: retriesSchema,
    circuitBreaker: circuitBreakerSchema,
    redirects: redirectsSchema,
    maxResponseBytes: integer(1, Number.MAX_SAFE_INTEGER)
      .default(10_485_760)
      .describe(
        "Maximum size of a response body in bytes, counted after decompression. Default: 10485760 (10 MiB).",
      ),
    unknownKeys: z
      .enum(["strict", "strip"])
      .default("strict")
      .describe(
        "How generated schemas treat object properties that the vendor document does not declare: strict rejects them, strip drops them. Default: strict.",
      ),
    operations: operationsSchema,
  })
  // Checks across keys run even when single keys failed, so that one pass reports every problem.
  .superRefine(checkPolicyConsistency, { when: () => true })
  .describe("A vendorguard policy: one vendor and the controls its generated client enforces.");

/** A policy as written in a file, before defaults are applied. */
export type Policy = z.input<typeof policySchema>;

/** A policy with every default applied and every value normalised, the only form code uses after loading. */
export type ResolvedPolicy = z.output<typeof policySchema>;
