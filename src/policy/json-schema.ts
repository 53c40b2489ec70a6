/**
 * The JSON Schema of policy files, generated from the zod schema for editors and validators.
 */
import { z } from "zod";
import { policySchema } from "./schema.js";

/** `$id` of the policy JSON Schema. It is a name, not a URL, so no tool tries to fetch it. */
export const POLICY_SCHEMA_ID = "urn:vendorguard:policy";

/**
 * Generates the JSON Schema (draft 2020-12) of a policy file as written, so keys with defaults
 * are optional and carry their `default`.
 */
export function policyJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(policySchema, { io: "input" });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: POLICY_SCHEMA_ID,
    title: "vendorguard policy",
    ...rest,
  };
}
