/**
 * The `floor:` block of `vendorguard.config.yaml`: the weakest controls any policy in the
 * repository may set. `vendorguard check` fails for a policy that is weaker on any key.
 */
import { z } from "zod";

const maxMs = (key: string) =>
  z
    .number()
    .int()
    .positive()
    .optional()
    .describe(`Maximum ${key} a policy may set, in milliseconds, overrides included.`);

export const floorSchema = z
  .strictObject({
    tlsMinVersion: z
      .enum(["TLSv1.2", "TLSv1.3"])
      .optional()
      .describe("Lowest tls.minVersion a policy may set."),
    maxTimeoutMs: z
      .strictObject({
        connectMs: maxMs("timeouts.connectMs"),
        headersMs: maxMs("timeouts.headersMs"),
        bodyMs: maxMs("timeouts.bodyMs"),
        attemptMs: maxMs("timeouts.attemptMs"),
        callMs: maxMs("timeouts.callMs"),
      })
      .optional()
      .describe("Upper bounds of the policy's timeouts."),
    redirects: z
      .enum(["none", "sameOrigin"])
      .optional()
      .describe(
        "none requires redirects.mode none; sameOrigin also accepts same-origin redirects.",
      ),
    unknownKeys: z
      .enum(["strict", "strip"])
      .optional()
      .describe("strict requires unknownKeys: strict. strip accepts either."),
    maxResponseBytes: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("Maximum maxResponseBytes a policy may set."),
    requireAuth: z
      .boolean()
      .optional()
      .describe("true rejects a policy whose auth.scheme is none."),
  })
  .describe("Weakest controls a policy may set. check reports each policy key below the floor.");

/** The parsed `floor:` block; a missing key sets no bound. */
export type Floor = z.output<typeof floorSchema>;
