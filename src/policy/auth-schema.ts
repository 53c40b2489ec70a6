/**
 * The `auth` key: how the generated client authenticates to the vendor.
 */
import { z } from "zod";
import { isReservedHeader, reservedHeaderMessage, secretSource, tokenName } from "./fields.js";

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

/** The `auth` key. A policy without `auth` gets `{ scheme: none }`. */
export const authSchema = z
  .discriminatedUnion("scheme", [noAuth, bearerAuth, apiKeyAuth, basicAuth])
  .prefault({ scheme: "none" })
  .describe(
    "How the client authenticates: scheme none, bearer, apiKey or basic. Secrets are never written here, only where they come from. Default: { scheme: none }.",
  );
