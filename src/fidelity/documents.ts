/**
 * The documents the differential check runs on: the entry documents of the real vendor set in
 * `test/fixtures/specs.tar.gz`, every case document under `test/fixtures/cases/`, and the
 * documents under `test/fidelity/documents/` that use the keywords real documents rarely do.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";

/** Entry documents inside the unpacked `specs/` folder (the files they reference are not listed). */
export const VENDOR_DOCUMENTS = [
  "oai-examples/v3.1/webhook-example.yaml",
  "oai-examples/v3.0/callback-example.yaml",
  "oai-examples/v3.0/petstore.yaml",
  "oai-examples/v2.0/json/petstore.json",
  "oai-examples/v2.0/yaml/petstore-expanded.yaml",
  "oai-examples/v2.0/yaml/petstore-separate/spec/swagger.yaml",
  "oai-examples/v3.0/link-example.yaml",
  "oai-examples/v3.0/petstore-expanded.yaml",
  "oai-examples/v3.0/api-with-examples.yaml",
  "oai-examples/v3.0/uspto.yaml",
  "oai-examples/v2.0/json/uber.json",
  "twilio/twilio_chat_v3.yaml",
  "pagerduty/events-v2/openapiv3.json",
  "twilio/twilio_studio_v2.yaml",
  "twilio/twilio_lookups_v2.json",
  "twilio/twilio_messaging_v1.yaml",
  "twilio/twilio_verify_v2.json",
  "slack/slack_web_openapi_v2.json",
  "twilio/twilio_api_v2010.json",
  "digitalocean/specification/DigitalOcean-public.v2.yaml",
  "pagerduty/REST/openapiv3.json",
  "openai/openapi.yaml",
  "asana/asana_oas.yaml",
  "kubernetes/swagger.json",
  "stripe/spec3.yaml",
];

/** Unpacks the vendor documents into `into` unless they are there already; returns the `specs` folder. */
export function unpackVendorDocuments(repositoryRoot: string, into: string): string {
  const specs = path.join(into, "specs");
  if (!existsSync(specs)) {
    mkdirSync(into, { recursive: true });
    execFileSync("tar", [
      "xzf",
      path.join(repositoryRoot, "test/fixtures/specs.tar.gz"),
      "-C",
      into,
    ]);
  }
  return specs;
}

/** Lists the `spec.yaml` or `spec.json` of every case folder, as paths relative to the repository. */
export function caseDocuments(repositoryRoot: string): string[] {
  const root = path.join(repositoryRoot, "test/fixtures/cases");
  const documents: string[] = [];
  for (const folder of readdirSync(root).sort()) {
    const spec = ["spec.yaml", "spec.json"].find((name) =>
      existsSync(path.join(root, folder, name)),
    );
    if (spec) documents.push(path.join("test/fixtures/cases", folder, spec));
  }
  return documents;
}

/** Lists the documents under `test/fidelity/documents/`, as paths relative to the repository. */
export function keywordDocuments(repositoryRoot: string): string[] {
  const root = path.join(repositoryRoot, "test/fidelity/documents");
  return readdirSync(root)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .sort()
    .map((name) => path.join("test/fidelity/documents", name));
}
