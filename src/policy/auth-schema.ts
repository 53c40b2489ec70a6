/**
 * The `auth` key: how the generated client authenticates to the vendor.
 */
import { z } from "zod";
import {
  distinctList,
  isReservedHeader,
  reservedHeaderMessage,
  secretSource,
  tokenName,
} from "./fields.js";
import { describeReceived } from "./messages.js";
import { parseTokenUrl } from "./url-rules.js";

const noAuth = z
  .strictObject({
    scheme: z.literal("none").describe("Sends no credentials."),
  })
  .describe("No authentication.");

const bearerAuth = z
  .strictObject({
    scheme: z.literal("bearer").describe("Sends `Authorization: Bearer <secret>`."),
    secret: secretSource().describe(
      "Where the token comes from: { env: NAME } or { provider: NAME }. Required.",
    ),
  })
  .describe("Bearer token in the Authorization header.");

const apiKeyAuth = z
  .strictObject({
    scheme: z
      .literal("apiKey")
      .describe("Sends the secret as a named header, query parameter or cookie."),
    in: z
      .enum(["header", "query", "cookie"])
      .default("header")
      .describe(
        "Where the key is sent: header, query or cookie. A key in the query ends up in URLs, which proxies and logs may record. Default: header.",
      ),
    name: tokenName.describe(
      "Name of the header, query parameter or cookie that carries the key, e.g. X-API-Key. Required.",
    ),
    secret: secretSource().describe(
      "Where the key comes from: { env: NAME } or { provider: NAME }. Required.",
    ),
  })
  .superRefine((auth, context) => {
    if (auth.in === "header" && isReservedHeader(auth.name)) {
      context.addIssue({
        code: "custom",
        path: ["name"],
        input: auth.name,
        message: reservedHeaderMessage(auth.name),
      });
    }
  })
  .describe("API key in a header, query parameter or cookie.");

const basicAuth = z
  .strictObject({
    scheme: z.literal("basic").describe("Sends `Authorization: Basic <base64(user:password)>`."),
    username: secretSource().describe(
      "Where the user name comes from: { env: NAME } or { provider: NAME }. Required.",
    ),
    password: secretSource().describe(
      "Where the password comes from: { env: NAME } or { provider: NAME }. Required.",
    ),
  })
  .describe("HTTP Basic authentication.");

const tokenUrl = z
  .string()
  .transform((raw, context) => {
    const parsed = parseTokenUrl(raw);
    if (!parsed.ok) {
      context.addIssue({ code: "custom", input: raw, message: parsed.message });
      return z.NEVER;
    }
    return parsed.value.href;
  })
  .meta({ format: "uri", pattern: "^https?://" })
  .describe(
    "Token endpoint, e.g. https://auth.example.com/oauth/token. https only (http to loopback with allowInsecureHttp), on a host listed in allowedHosts. Required.",
  );

// RFC 6749, section 3.3: a scope token is visible ASCII except the space, `"` and `\`.
const scopeToken = z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, {
  error: (issue) =>
    `expected a scope without spaces, quotes or backslashes, e.g. read:invoices, got ${describeReceived(issue)}.`,
});

const oauth2ClientCredentialsAuth = z
  .strictObject({
    scheme: z
      .literal("oauth2ClientCredentials")
      .describe(
        "Requests an access token with the OAuth 2.0 client credentials grant and sends `Authorization: Bearer <token>`.",
      ),
    tokenUrl,
    clientId: secretSource().describe(
      "Where the client ID comes from: { env: NAME } or { provider: NAME }. Required.",
    ),
    clientSecret: secretSource().describe(
      "Where the client secret comes from: { env: NAME } or { provider: NAME }. Required.",
    ),
    scopes: distinctList(scopeToken)
      .prefault([])
      .describe("Scopes requested with each token. An empty list sends no scope. Default: []."),
    clientAuthentication: z
      .enum(["basic", "body"])
      .default("basic")
      .describe(
        "How the client ID and secret reach the token endpoint: basic sends them in the Authorization header, body as client_id and client_secret form fields. Default: basic.",
      ),
  })
  .describe(
    "OAuth 2.0 client credentials. The token is cached until shortly before it expires, and concurrent calls share one token request.",
  );

/** The `auth` key. A policy without `auth` gets `{ scheme: none }`. */
export const authSchema = z
  .discriminatedUnion("scheme", [
    noAuth,
    bearerAuth,
    apiKeyAuth,
    basicAuth,
    oauth2ClientCredentialsAuth,
  ])
  .prefault({ scheme: "none" })
  .describe(
    "How the client authenticates: scheme none, bearer, apiKey, basic or oauth2ClientCredentials. Secrets are never written here, only where they come from. Default: { scheme: none }.",
  );
