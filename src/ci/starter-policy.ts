/**
 * `init`: a starter policy written from a vendor document. Facts the document states (name,
 * base URL, authentication) are filled in. Every other control is written out at its default,
 * so a reviewer reads each one. The keys only a person can answer are placeholders, which the
 * policy schema rejects until they are replaced.
 */
import { stringify } from "yaml";
import { VendorguardError } from "../errors.js";
import { PLACEHOLDER_PREFIX } from "../policy/placeholders.js";
import { DATA_CLASSIFICATIONS, policySchema } from "../policy/schema.js";
import { parseBaseUrl } from "../policy/url-rules.js";
import {
  listSecuritySchemes,
  listServerUrls,
  preferredSecuritySchemes,
  type SecuritySchemeFact,
} from "./document-facts.js";

export interface StarterPolicyInput {
  /** The parsed vendor document. */
  document: Record<string, unknown>;
  /** The document's path as the user gave it, for comments and messages. */
  displayPath: string;
  /** Number of operations in the document, for the comment on `operations.include`. */
  operationCount: number;
  /** Base URL to pin instead of the document's first https server. */
  baseUrl?: string;
}

export interface StarterPolicy {
  /** YAML text of the policy. */
  text: string;
  vendorName: string;
  baseUrl: string;
  authScheme: string;
  /** Keys that contain placeholders, which must be replaced before `generate` accepts the policy. */
  placeholders: string[];
}

/** The keys only a person can fill in, with the comment written beside each. */
const PLACEHOLDER_KEYS = [
  { key: "owner", comment: "team or person accountable for this vendor" },
  { key: "purpose", comment: "what the vendor is used for" },
  { key: "owningService", comment: "the service that calls the vendor" },
] as const;

/** Builds the starter policy. Raises a usage error when no https base URL is found. */
export function buildStarterPolicy(input: StarterPolicyInput): StarterPolicy {
  const vendorName = vendorNameOf(input);
  const base = chooseBaseUrl(input);
  const auth = authLines(input.document, vendorName);
  const lines = [
    `# Starter policy written by vendorguard init from ${oneLine(input.displayPath)}.`,
    `# Replace every ${PLACEHOLDER_PREFIX} value: vendorguard generate rejects the policy until then.`,
    "vendor:",
    `  name: ${scalar(vendorName)}`,
    ...PLACEHOLDER_KEYS.map(
      ({ key, comment }) => `  ${key}: ${PLACEHOLDER_PREFIX}${key}  # ${comment}`,
    ),
    `  dataClassification: [${PLACEHOLDER_PREFIX}dataClassification]  # one or more of ${DATA_CLASSIFICATIONS.join(", ")}`,
    `baseUrl: ${scalar(base.url)}  # ${base.source}`,
    `allowedHosts: [${flowValue(base.host)}]  # add every other host the client must reach`,
    ...auth.lines,
    ...defaultLines(),
    "operations:",
    `  # List the operationIds the service calls. An empty include generates all ${input.operationCount} operations.`,
    "  include: []",
    "  exclude: []",
    "  overrides: {}",
  ];
  return {
    text: `${lines.join("\n")}\n`,
    vendorName,
    baseUrl: base.url,
    authScheme: auth.scheme,
    placeholders: [
      ...PLACEHOLDER_KEYS.map(({ key }) => `vendor.${key}`),
      "vendor.dataClassification",
    ],
  };
}

/** Returns the document's `info.title` as a policy's vendor.name: one line of at most 100 characters. */
function vendorNameOf(input: StarterPolicyInput): string {
  const info = input.document.info;
  const title =
    info !== null && typeof info === "object" ? (info as { title?: unknown }).title : undefined;
  const name = oneLine(typeof title === "string" ? title : "")
    .slice(0, 100)
    .trim();
  if (name !== "") return name;
  const fileName = input.displayPath.split(/[\\/]/).pop() ?? "";
  return (
    oneLine(fileName.replace(/\.[^.]*$/, ""))
      .slice(0, 100)
      .trim() || "Vendor"
  );
}

interface BaseUrlChoice {
  url: string;
  host: string;
  /** Origin of the URL, written as a comment beside it. */
  source: string;
}

function chooseBaseUrl(input: StarterPolicyInput): BaseUrlChoice {
  if (input.baseUrl !== undefined) {
    const parsed = parseBaseUrl(input.baseUrl);
    if (!parsed.ok || parsed.value.url.protocol !== "https:") {
      const reason = parsed.ok ? "it is not https." : parsed.message;
      throw new VendorguardError(
        "usage",
        `--base-url ${JSON.stringify(input.baseUrl)} is invalid: ${reason}`,
      );
    }
    return { url: parsed.value.normalized, host: parsed.value.url.host, source: "from --base-url" };
  }
  const servers = listServerUrls(input.document);
  for (const [index, server] of servers.entries()) {
    const parsed = parseBaseUrl(server);
    if (parsed.ok && parsed.value.url.protocol === "https:") {
      const source =
        input.document.swagger === undefined
          ? `from servers[${index}]`
          : "from schemes, host and basePath";
      return { url: parsed.value.normalized, host: parsed.value.url.host, source };
    }
  }
  const found =
    servers.length === 0
      ? "no servers"
      : `only ${servers.map((url) => JSON.stringify(url)).join(", ")}`;
  throw new VendorguardError(
    "no_https_server",
    `${input.displayPath} declares ${found}, and a policy pins an absolute https base URL. Pass --base-url https://host/path.`,
  );
}

interface AuthChoice {
  scheme: string;
  lines: string[];
}

const OAUTH_NOTE =
  "# The client does not run the OAuth flow: it sends an access token obtained elsewhere as a bearer token.";

/** Builds the `auth` block, with comments, for the scheme the document most likely requires. */
function authLines(document: Record<string, unknown>, vendorName: string): AuthChoice {
  const schemes = listSecuritySchemes(document);
  const preferred = preferredSecuritySchemes(document)
    .map((name) => schemes.find((scheme) => scheme.name === name))
    .filter((scheme): scheme is SecuritySchemeFact => scheme !== undefined);
  const chosen = preferred.find(isSupported) ?? schemes.find(isSupported);
  if (chosen === undefined) {
    const comment =
      schemes.length === 0
        ? "# The document declares no security scheme."
        : `# TODO: the document's security schemes (${schemes.map(describeScheme).join(", ")}) are not supported; configure auth by hand.`;
    return { scheme: "none", lines: [comment, "auth:", "  scheme: none"] };
  }

  const comments = [
    `# From the document's security scheme ${JSON.stringify(chosen.name)} (${describeScheme(chosen)}).`,
  ];
  if (chosen.type === "oauth2" || chosen.type === "openIdConnect") comments.push(OAUTH_NOTE);
  const others = preferred.filter((scheme) => scheme !== chosen);
  if (others.length > 0) {
    const names = others.map(describeScheme).join(", ");
    comments.push(`# The document also requires ${names}, which a policy cannot express.`);
  }
  const block = authBlock(chosen, environmentPrefix(vendorName));
  return { scheme: block.scheme, lines: [...comments, "auth:", ...block.lines] };
}

/** Returns the keys under `auth:` for a supported scheme, with secrets read from the environment. */
function authBlock(chosen: SecuritySchemeFact, envPrefix: string): AuthChoice {
  if (chosen.type === "apiKey") {
    const lines = [
      "  scheme: apiKey",
      `  in: ${scalar(chosen.in ?? "header")}`,
      `  name: ${scalar(chosen.parameterName ?? "")}`,
      `  secret: { env: ${envPrefix}_API_KEY }`,
    ];
    return { scheme: "apiKey", lines };
  }
  if (chosen.type === "http" && chosen.scheme === "basic") {
    const lines = [
      "  scheme: basic",
      `  username: { env: ${envPrefix}_USERNAME }`,
      `  password: { env: ${envPrefix}_PASSWORD }`,
    ];
    return { scheme: "basic", lines };
  }
  return { scheme: "bearer", lines: ["  scheme: bearer", `  secret: { env: ${envPrefix}_TOKEN }`] };
}

function isSupported(scheme: SecuritySchemeFact): boolean {
  if (scheme.type === "apiKey") return scheme.parameterName !== undefined;
  if (scheme.type === "http") return scheme.scheme === "bearer" || scheme.scheme === "basic";
  return scheme.type === "oauth2" || scheme.type === "openIdConnect";
}

function describeScheme(scheme: SecuritySchemeFact): string {
  if (scheme.type === "http") return `http ${scheme.scheme ?? "(no scheme)"}`;
  if (scheme.type === "apiKey") {
    return `apiKey in ${scheme.in ?? "?"} ${scheme.parameterName ?? "?"}`;
  }
  return scheme.type;
}

/** `GitHub v3 REST API` to `GITHUB_V3_REST_API`, a valid environment variable name. */
function environmentPrefix(vendorName: string): string {
  const words = vendorName
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  return /^[A-Z]/.test(words) ? words : `VENDOR_${words}`.replace(/_+$/, "");
}

/**
 * Returns every other control at the policy schema's default, read from the schema itself so
 * that the starter policy cannot drift from it.
 */
function defaultLines(): string[] {
  const shape = policySchema.shape;
  const tls = shape.tls.parse(undefined);
  return [
    "tls:",
    `  minVersion: ${tls.minVersion}`,
    ...group("timeouts", shape.timeouts.parse(undefined)),
    ...group("retries", shape.retries.parse(undefined)),
    ...group("circuitBreaker", shape.circuitBreaker.parse(undefined)),
    ...group("redirects", shape.redirects.parse(undefined)),
    `maxResponseBytes: ${shape.maxResponseBytes.parse(undefined)}`,
    `unknownKeys: ${shape.unknownKeys.parse(undefined)}`,
  ];
}

function group(key: string, values: object): string[] {
  return [
    `${key}:`,
    ...Object.entries(values).map(([name, value]) => `  ${name}: ${flowValue(value)}`),
  ];
}

/** Formats a value in YAML flow style: lists and mappings inline, scalars quoted where needed. */
function flowValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flowValue).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{ ${Object.entries(value)
      .map(([name, inner]) => `${flowValue(name)}: ${flowValue(inner)}`)
      .join(", ")} }`;
  }
  // Inside [...] and {...} a plain scalar ends at , ] or }, so any other text is double-quoted;
  // a JSON string is also a valid YAML double-quoted scalar.
  if (typeof value === "string" && !/^[A-Za-z0-9_.:/-]+$/.test(value)) return JSON.stringify(value);
  return scalar(value);
}

/** Formats a scalar in YAML block style, quoted where YAML would read it as something else. */
function scalar(value: unknown): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/** Text without control characters, so it fits on one line of YAML or a comment. */
function oneLine(text: string): string {
  return text.replace(/[\x00-\x1f\x7f-\x9f]+/g, " ").trim();
}
