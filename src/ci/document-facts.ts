/**
 * Facts of a vendor document that the ApiModel leaves out: its servers and security schemes.
 * `init` writes a policy from them and `diff` compares them between two versions.
 */
import { compareCodeUnits } from "../model/registry.js";
import { unescapePointerToken } from "../spec/refs.js";

type Raw = Record<string, unknown>;

/** A security scheme reduced to what decides how a client authenticates. */
export interface SecuritySchemeFact {
  /** Key under `components.securitySchemes` (OpenAPI 3) or `securityDefinitions` (Swagger 2.0). */
  name: string;
  /** apiKey, http, oauth2, openIdConnect or mutualTLS; Swagger 2.0's basic becomes http. */
  type: string;
  /** HTTP authentication scheme in lower case, e.g. bearer or basic, for type http. */
  scheme?: string;
  /** header, query or cookie, for type apiKey. */
  in?: string;
  /** Header, query parameter or cookie name, for type apiKey. */
  parameterName?: string;
  /** OAuth 2 flow names with their URLs and scopes, sorted; compared as a whole. */
  flows?: string;
  openIdConnectUrl?: string;
}

/**
 * Returns the server URLs the document declares, in document order. OpenAPI 3 server variables
 * are replaced by their defaults. Swagger 2.0 gives one URL per scheme from `host` and
 * `basePath`, https when it lists no scheme; a document without `host` declares none.
 */
export function listServerUrls(document: Raw): string[] {
  if (document.swagger !== undefined) return swaggerServerUrls(document);
  const servers = Array.isArray(document.servers) ? document.servers : [];
  const urls: string[] = [];
  for (const server of servers) {
    if (!isRecord(server) || typeof server.url !== "string") continue;
    urls.push(substituteVariables(server.url, isRecord(server.variables) ? server.variables : {}));
  }
  return urls;
}

function swaggerServerUrls(document: Raw): string[] {
  if (typeof document.host !== "string" || document.host === "") return [];
  const basePath = typeof document.basePath === "string" ? document.basePath : "";
  const schemes =
    Array.isArray(document.schemes) && document.schemes.length > 0 ? document.schemes : ["https"];
  return schemes
    .filter((scheme) => typeof scheme === "string")
    .map((scheme) => `${scheme}://${document.host}${basePath}`);
}

function substituteVariables(url: string, variables: Raw): string {
  return url.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isRecord(variable) && typeof variable.default === "string" ? variable.default : whole;
  });
}

/** Returns the document's security schemes sorted by name. */
export function listSecuritySchemes(document: Raw): SecuritySchemeFact[] {
  const components = isRecord(document.components) ? document.components : {};
  const declared =
    document.swagger !== undefined ? document.securityDefinitions : components.securitySchemes;
  if (!isRecord(declared)) return [];
  return Object.keys(declared)
    .sort(compareCodeUnits)
    .map((name) => describeScheme(name, resolveLocalRef(document, declared[name])));
}

function describeScheme(name: string, raw: unknown): SecuritySchemeFact {
  const scheme = isRecord(raw) ? raw : {};
  const type = typeof scheme.type === "string" ? scheme.type : "unknown";
  if (type === "basic") return { name, type: "http", scheme: "basic" };
  const fact: SecuritySchemeFact = { name, type };
  if (type === "http" && typeof scheme.scheme === "string") {
    fact.scheme = scheme.scheme.toLowerCase();
  }
  if (type === "apiKey") {
    if (typeof scheme.in === "string") fact.in = scheme.in;
    if (typeof scheme.name === "string") fact.parameterName = scheme.name;
  }
  if (type === "oauth2") fact.flows = describeFlows(scheme);
  if (type === "openIdConnect" && typeof scheme.openIdConnectUrl === "string") {
    fact.openIdConnectUrl = scheme.openIdConnectUrl;
  }
  return fact;
}

/** OAuth 2 flows as stable text: OpenAPI 3 `flows`, or Swagger 2.0's single `flow`. */
function describeFlows(scheme: Raw): string {
  const flows: Raw = isRecord(scheme.flows) ? scheme.flows : { [String(scheme.flow)]: scheme };
  return Object.keys(flows)
    .sort(compareCodeUnits)
    .map((flowName) => {
      const flow = isRecord(flows[flowName]) ? (flows[flowName] as Raw) : {};
      const urls = ["authorizationUrl", "tokenUrl", "refreshUrl"]
        .map((key) => (typeof flow[key] === "string" ? flow[key] : ""))
        .join(" ");
      const scopes = isRecord(flow.scopes)
        ? Object.keys(flow.scopes).sort(compareCodeUnits).join(",")
        : "";
      return `${flowName}(${urls.trim()}; scopes ${scopes})`;
    })
    .join(" ");
}

/**
 * Returns the names of the security schemes an unauthenticated call is most likely to need:
 * the first requirement of the document's `security`, else of the first operation that has
 * one, else every declared scheme.
 */
export function preferredSecuritySchemes(document: Raw): string[] {
  const fromDocument = firstRequirement(document.security);
  if (fromDocument) return fromDocument;
  const paths = isRecord(document.paths) ? document.paths : {};
  for (const pathKey of Object.keys(paths).sort(compareCodeUnits)) {
    const pathItem = paths[pathKey];
    if (!isRecord(pathItem)) continue;
    for (const method of ["get", "put", "post", "delete", "options", "head", "patch", "trace"]) {
      const operation = pathItem[method];
      const found = isRecord(operation) ? firstRequirement(operation.security) : undefined;
      if (found) return found;
    }
  }
  return listSecuritySchemes(document).map((scheme) => scheme.name);
}

function firstRequirement(security: unknown): string[] | undefined {
  if (!Array.isArray(security)) return undefined;
  const requirement = security.find((entry) => isRecord(entry) && Object.keys(entry).length > 0);
  return isRecord(requirement) ? Object.keys(requirement) : undefined;
}

/** Follows a `$ref` inside the document (`#/...`); any other value is returned as it is. */
function resolveLocalRef(document: Raw, value: unknown): unknown {
  let current = value;
  for (let depth = 0; depth < 8 && isRecord(current) && typeof current.$ref === "string"; depth++) {
    const ref = current.$ref;
    if (!ref.startsWith("#/")) return current;
    let target: unknown = document;
    for (const token of ref.slice(2).split("/")) {
      target = isRecord(target) ? target[unescapePointerToken(token)] : undefined;
    }
    current = target;
  }
  return current;
}

function isRecord(value: unknown): value is Raw {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
