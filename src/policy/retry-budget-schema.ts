/**
 * The `retries.budget` key: the client-wide limit on retries relative to calls.
 */
import { z } from "zod";
import { decimal } from "./decimal-field.js";
import { integer } from "./fields.js";

/**
 * Retry budget. The defaults bound the extra load that retries put on a failing vendor at a
 * fifth of the calls, plus about one retry a second, which still lets a client that sends few
 * calls retry its occasional failure.
 */
export const retryBudgetSchema = z
  .strictObject({
    ratio: decimal({ min: 0, max: 10, example: "0.2" })
      .default(0.2)
      .describe(
        "Retries allowed per call sent in the window, from 0 to 10; 0.2 allows one retry for every five calls. Default: 0.2.",
      ),
    minPerSecond: decimal({ min: 0, max: 1000, example: "1" })
      .default(1)
      .describe(
        "Retries per second of the window allowed on top of ratio, from 0 to 1000, so a client with little traffic can still retry. Default: 1.",
      ),
    windowMs: integer(1000, 60_000, {
      tooBig: "A longer window lets calls made before an outage pay for retries long after.",
    })
      .default(10000)
      .describe(
        "Length of the sliding window over which calls and retries are counted, in milliseconds, from 1000 to 60000. Default: 10000.",
      ),
  })
  .prefault({})
  .describe(
    "Client-wide retry budget: over the window, retries may not exceed ratio times the calls sent plus minPerSecond per second. A retry beyond it is not made, and the call fails with its last error. Default: {} (each key at its default).",
  );
