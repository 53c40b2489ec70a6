/**
 * Timeouts, retries and redirects, each as a full schema with defaults and, for timeouts and
 * retries, a partial one for per-operation overrides. The circuit breaker is in breaker-schema.ts.
 */
import { z } from "zod";
import { distinctList, duration, httpMethod, integer, MAX_TIMER_MS } from "./fields.js";
import { retryBudgetSchema } from "./retry-budget-schema.js";

const TIMEOUT_DOCS = {
  connectMs: "Time to open the TCP connection and finish the TLS handshake, in milliseconds.",
  headersMs: "Time from sending the request to receiving the response headers, in milliseconds.",
  bodyMs: "Maximum pause between two chunks of the response body, in milliseconds.",
  attemptMs: "Whole time of one attempt, in milliseconds, at most callMs.",
  callMs: "Whole time of one call including every retry and backoff delay, in milliseconds.",
};

/** Client-wide timeouts. */
export const timeoutsSchema = z
  .strictObject({
    connectMs: duration().default(5000).describe(`${TIMEOUT_DOCS.connectMs} Default: 5000.`),
    headersMs: duration().default(10000).describe(`${TIMEOUT_DOCS.headersMs} Default: 10000.`),
    bodyMs: duration().default(10000).describe(`${TIMEOUT_DOCS.bodyMs} Default: 10000.`),
    attemptMs: duration().default(15000).describe(`${TIMEOUT_DOCS.attemptMs} Default: 15000.`),
    callMs: duration().default(45000).describe(`${TIMEOUT_DOCS.callMs} Default: 45000.`),
  })
  .prefault({})
  .describe(
    "Timeouts of every call, all positive integers in milliseconds. Default: {} (each key at its default).",
  );

/** Timeouts of one operation. A missing key keeps the client-wide value. */
export const timeoutOverridesSchema = z
  .strictObject({
    connectMs: duration()
      .optional()
      .describe(`${TIMEOUT_DOCS.connectMs} Default: timeouts.connectMs.`),
    headersMs: duration()
      .optional()
      .describe(`${TIMEOUT_DOCS.headersMs} Default: timeouts.headersMs.`),
    bodyMs: duration().optional().describe(`${TIMEOUT_DOCS.bodyMs} Default: timeouts.bodyMs.`),
    attemptMs: duration()
      .optional()
      .describe(`${TIMEOUT_DOCS.attemptMs} Default: timeouts.attemptMs.`),
    callMs: duration().optional().describe(`${TIMEOUT_DOCS.callMs} Default: timeouts.callMs.`),
  })
  .describe("Timeouts for this operation. A missing key keeps the client-wide value.");

/** Upper limit of retries.maxAttempts. More attempts would turn a vendor outage into a retry storm. */
export const MAX_ATTEMPTS = 10;

const maxAttempts = () =>
  integer(1, MAX_ATTEMPTS, {
    tooSmall: "Set it to 1 to turn retries off.",
    tooBig: `More than ${MAX_ATTEMPTS} attempts would multiply the load on a vendor that is already failing.`,
  });

const retryStatus = integer(400, 599, {
  tooSmall: "Only error statuses (400 to 599) can be retried.",
  tooBig: "Only error statuses (400 to 599) can be retried.",
});

const RETRY_DOCS = {
  maxAttempts: `Attempts in total, the first one included, from 1 to ${MAX_ATTEMPTS}. 1 turns retries off.`,
  baseDelayMs: "First backoff delay in milliseconds, doubled for each further retry.",
  maxDelayMs: "Upper bound of one backoff delay in milliseconds, at least baseDelayMs.",
  jitter:
    "full draws each delay uniformly from zero to the exponential delay, and none uses it as is.",
  statuses: "Response statuses (400 to 599) that are retried.",
  methods:
    "HTTP methods that are retried. Other methods are retried only when the operation sends an idempotency key.",
  retryAfterCapMs:
    "Maximum Retry-After delay that is honoured, in milliseconds. A longer one fails the call, and 0 honours none.",
};

const DEFAULT_STATUSES = [408, 429, 500, 502, 503, 504];
const DEFAULT_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"] as const;

/** Client-wide retry settings. */
export const retriesSchema = z
  .strictObject({
    maxAttempts: maxAttempts().default(3).describe(`${RETRY_DOCS.maxAttempts} Default: 3.`),
    baseDelayMs: duration().default(200).describe(`${RETRY_DOCS.baseDelayMs} Default: 200.`),
    maxDelayMs: duration().default(5000).describe(`${RETRY_DOCS.maxDelayMs} Default: 5000.`),
    jitter: z
      .enum(["full", "none"])
      .default("full")
      .describe(`${RETRY_DOCS.jitter} Default: full.`),
    statuses: distinctList(retryStatus)
      .prefault(DEFAULT_STATUSES)
      .describe(`${RETRY_DOCS.statuses} Default: [${DEFAULT_STATUSES.join(", ")}].`),
    methods: distinctList(httpMethod)
      .prefault([...DEFAULT_METHODS])
      .describe(
        `${RETRY_DOCS.methods} POST and PATCH are rejected here, but accepted per operation. Default: [${DEFAULT_METHODS.join(", ")}].`,
      ),
    retryAfterCapMs: integer(0, MAX_TIMER_MS)
      .default(30000)
      .describe(`${RETRY_DOCS.retryAfterCapMs} Default: 30000.`),
    budget: retryBudgetSchema,
  })
  .prefault({})
  .describe("Retries with exponential backoff. Default: {} (each key at its default).");

/** Retry settings of one operation. A missing key keeps the client-wide value. */
export const retryOverridesSchema = z
  .strictObject({
    maxAttempts: maxAttempts()
      .optional()
      .describe(`${RETRY_DOCS.maxAttempts} Default: retries.maxAttempts.`),
    baseDelayMs: duration()
      .optional()
      .describe(`${RETRY_DOCS.baseDelayMs} Default: retries.baseDelayMs.`),
    maxDelayMs: duration()
      .optional()
      .describe(`${RETRY_DOCS.maxDelayMs} Default: retries.maxDelayMs.`),
    jitter: z
      .enum(["full", "none"])
      .optional()
      .describe(`${RETRY_DOCS.jitter} Default: retries.jitter.`),
    statuses: distinctList(retryStatus)
      .optional()
      .describe(`${RETRY_DOCS.statuses} Default: retries.statuses.`),
    methods: distinctList(httpMethod)
      .optional()
      .describe(
        `${RETRY_DOCS.methods} POST and PATCH are accepted here, for an operation known to be idempotent. Default: retries.methods.`,
      ),
    retryAfterCapMs: integer(0, MAX_TIMER_MS)
      .optional()
      .describe(`${RETRY_DOCS.retryAfterCapMs} Default: retries.retryAfterCapMs.`),
  })
  .describe("Retry settings for this operation. A missing key keeps the client-wide value.");

/** Redirect handling. */
export const redirectsSchema = z
  .discriminatedUnion("mode", [
    z
      .strictObject({ mode: z.literal("none").describe("Every 3xx response is an error.") })
      .describe("Follow no redirects."),
    z
      .strictObject({
        mode: z
          .literal("sameOrigin")
          .describe("Follows redirects that stay on the base URL's origin."),
        max: integer(1, 20)
          .default(3)
          .describe("Maximum redirects followed in one attempt, from 1 to 20. Default: 3."),
      })
      .describe("Follow redirects to the same origin only."),
  ])
  .prefault({ mode: "none" })
  .describe("Redirect handling: mode none, or mode sameOrigin with max. Default: { mode: none }.");
