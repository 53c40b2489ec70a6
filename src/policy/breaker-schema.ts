/**
 * The `circuitBreaker` key: when calls stop being sent to a failing vendor, and for how long.
 */
import { z } from "zod";
import { decimal } from "./decimal-field.js";
import { duration, integer } from "./fields.js";

const rateSchema = z
  .strictObject({
    threshold: decimal({ min: 0, max: 1, exclusive: true, example: "0.5" })
      .default(0.5)
      .describe(
        "Failure rate, greater than 0 and less than 1, that opens the breaker when the failed calls in the window exceed it. Default: 0.5.",
      ),
    minimumCalls: integer(1, 1_000_000)
      .default(10)
      .describe(
        "Calls the window must hold before the rate can open the breaker, so a few failures at low traffic do not. Default: 10.",
      ),
    windowMs: duration(1000)
      .default(10000)
      .describe(
        "Length of the sliding window the failure rate is measured over, in milliseconds, at least 1000. Default: 10000.",
      ),
  })
  .prefault({})
  .describe(
    "Settings of mode rate; mode consecutive ignores them. Default: {} (each key at its default).",
  );

/** Circuit breaker settings. */
export const circuitBreakerSchema = z
  .strictObject({
    mode: z
      .enum(["consecutive", "rate"])
      .default("consecutive")
      .describe(
        "consecutive opens the breaker after failureThreshold failed calls in a row; rate opens it when the failure rate over rate.windowMs exceeds rate.threshold. Default: consecutive.",
      ),
    failureThreshold: integer(1, 1_000_000)
      .default(5)
      .describe(
        "Consecutive failed calls that open the breaker in mode consecutive; mode rate ignores it. Default: 5.",
      ),
    halfOpenAfterMs: duration()
      .default(30000)
      .describe(
        "Time the breaker stays open before it lets one probe call through (half-open), in milliseconds. Default: 30000.",
      ),
    rate: rateSchema,
    scope: z
      .enum(["client", "operation"])
      .default("client")
      .describe(
        "client shares one breaker among all operations; operation gives each operation its own, so one failing endpoint does not block the others. Default: client.",
      ),
    countValidationFailures: z
      .boolean()
      .default(false)
      .describe(
        "Counts a response that fails validation (not JSON, or not matching its schema) as a failed call, for vendors whose outages return malformed bodies. Default: false.",
      ),
  })
  .prefault({})
  .describe(
    "Circuit breaker: stops sending calls to a failing vendor. A call that fails after its retries with a network error, a timeout, 429 or 5xx counts as failed. Default: {} (each key at its default).",
  );
