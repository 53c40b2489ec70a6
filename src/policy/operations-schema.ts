/**
 * The `operations` key: which operations of the document get a method, and per-operation overrides.
 */
import { z } from "zod";
import { distinctList, headerName } from "./fields.js";
import { operationKey } from "./operation-key.js";
import { retryOverridesSchema, timeoutOverridesSchema } from "./resilience-schema.js";

const overrideSchema = z
  .strictObject({
    timeouts: timeoutOverridesSchema.optional(),
    retries: retryOverridesSchema.optional(),
    validation: z
      .enum(["enforce", "report"])
      .optional()
      .describe(
        "What happens to a response that fails validation: enforce throws, report returns the data and emits a validation event. Default: enforce.",
      ),
    idempotencyKeyHeader: headerName
      .optional()
      .describe(
        "Header that carries a per-call idempotency key, e.g. Idempotency-Key, which makes POST and PATCH retryable. Default: none.",
      ),
  })
  .describe("Settings for one operation that override the client-wide ones.");

/** The `operations` key. */
export const operationsSchema = z
  .strictObject({
    include: distinctList(operationKey)
      .prefault([])
      .describe(
        'Operations to generate, by operationId as written in the document or as "METHOD /path". An empty list includes all. Default: [].',
      ),
    exclude: distinctList(operationKey)
      .prefault([])
      .describe(
        'Operations to leave out, by operationId or "METHOD /path", applied after include. Default: [].',
      ),
    overrides: z
      .record(operationKey, overrideSchema)
      .prefault({})
      .describe('Per-operation settings keyed by operationId or "METHOD /path". Default: {}.'),
  })
  .prefault({})
  .describe(
    "Which operations the client exposes, and settings for single operations. Default: {}.",
  );
