/** `vendorguard policy-schema`: prints the policy's JSON Schema, for editors and CI. */
import type { Command } from "commander";
import { policyJsonSchema } from "../policy/json-schema.js";

export function registerPolicySchema(program: Command): void {
  program
    .command("policy-schema")
    .description("Print the JSON Schema of policy files (the same as schema/policy.schema.json).")
    .action(() => {
      process.stdout.write(`${JSON.stringify(policyJsonSchema(), null, 2)}\n`);
    });
}
