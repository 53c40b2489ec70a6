/**
 * The entry documents of the real vendor set in `test/fixtures/specs.tar.gz` (not the fragments
 * they reference), with their operation counts, and GitHub's REST description.
 */

export interface RealDocument {
  /** Path inside the unpacked `specs` folder, or under the repository for GitHub. */
  file: string;
  operations: number;
  /** Small enough to type-check with `checked` schema typing, which proves schemas and types agree. */
  checked: boolean;
}

/** Entry documents (not the fragments they reference), with their operation counts. */
export const DOCUMENTS: RealDocument[] = [
  { file: "oai-examples/v3.1/webhook-example.yaml", operations: 0, checked: true },
  { file: "oai-examples/v3.0/callback-example.yaml", operations: 1, checked: true },
  { file: "oai-examples/v3.0/petstore.yaml", operations: 3, checked: true },
  { file: "oai-examples/v2.0/json/petstore.json", operations: 3, checked: true },
  { file: "oai-examples/v2.0/yaml/petstore-expanded.yaml", operations: 4, checked: true },
  { file: "oai-examples/v2.0/yaml/petstore-separate/spec/swagger.yaml", operations: 4, checked: true },
  { file: "oai-examples/v3.0/link-example.yaml", operations: 6, checked: true },
  { file: "oai-examples/v3.0/petstore-expanded.yaml", operations: 4, checked: true },
  { file: "oai-examples/v3.0/api-with-examples.yaml", operations: 2, checked: true },
  { file: "oai-examples/v3.0/uspto.yaml", operations: 3, checked: true },
  { file: "oai-examples/v2.0/json/uber.json", operations: 5, checked: true },
  { file: "twilio/twilio_chat_v3.yaml", operations: 1, checked: true },
  { file: "pagerduty/events-v2/openapiv3.json", operations: 2, checked: true },
  { file: "twilio/twilio_studio_v2.yaml", operations: 19, checked: true },
  { file: "twilio/twilio_lookups_v2.json", operations: 10, checked: true },
  { file: "twilio/twilio_messaging_v1.yaml", operations: 58, checked: true },
  { file: "twilio/twilio_verify_v2.json", operations: 57, checked: true },
  { file: "slack/slack_web_openapi_v2.json", operations: 174, checked: true },
  { file: "twilio/twilio_api_v2010.json", operations: 197, checked: true },
  { file: "digitalocean/specification/DigitalOcean-public.v2.yaml", operations: 659, checked: false },
  { file: "pagerduty/REST/openapiv3.json", operations: 465, checked: false },
  { file: "openai/openapi.yaml", operations: 288, checked: false },
  { file: "asana/asana_oas.yaml", operations: 247, checked: false },
  { file: "kubernetes/swagger.json", operations: 1123, checked: false },
  { file: "stripe/spec3.yaml", operations: 468, checked: false },
];

/** GitHub's REST description, from the pinned npm package `@octokit/openapi`, relative to the repository. */
export const GITHUB = "node_modules/@octokit/openapi/generated/api.github.com.json";
