/**
 * The `tls` key: the lowest TLS version, extra trusted CAs and the client certificate for mutual
 * TLS.
 */
import { z } from "zod";
import { certificateSource, envName, exactlyOneKey, providerName } from "./fields.js";
import { withHint } from "./messages.js";

/** Where the client certificate's private key comes from; never the key itself. */
function privateKeySource() {
  return exactlyOneKey(
    {
      file: z
        .string()
        .min(1)
        .describe(
          "Path of a PEM file with the private key. A relative path is resolved against the working directory of the process that runs the client.",
        ),
      env: envName.describe("Environment variable that holds the PEM text of the private key."),
      provider: providerName.describe(
        "Name of a function passed to the client constructor that returns the PEM text of the private key.",
      ),
    },
    "{ env: VENDOR_CLIENT_KEY }",
  );
}

const clientCertificateSchema = z
  .strictObject({
    cert: certificateSource().describe(
      "Where the client certificate (PEM, with any intermediate certificates after it) comes from: { file: path } or { env: NAME }. Required.",
    ),
    key: privateKeySource().describe(
      "Where the private key (PEM) comes from: { file: path }, { env: NAME } or { provider: NAME }. Required.",
    ),
  })
  .describe(
    "Client certificate for mutual TLS, presented to the base URL's origin only. It is read once when the client is created (a provider key on the first request), so a rotated certificate needs a new client. Default: none.",
  );

/** The `tls` key. */
export const tlsSchema = z
  .strictObject({
    minVersion: z
      .enum(["TLSv1.2", "TLSv1.3"], {
        error: withHint("Versions older than TLSv1.2 have known weaknesses and are rejected."),
      })
      .default("TLSv1.2")
      .describe("Lowest TLS version accepted: TLSv1.2 or TLSv1.3. Default: TLSv1.2."),
    ca: z
      .array(certificateSource())
      .prefault([])
      .describe(
        "CA certificates to trust besides the default ones, each { file: path } or { env: NAME } holding PEM text. Default: [].",
      ),
    clientCertificate: clientCertificateSchema.optional(),
  })
  .prefault({})
  .describe("TLS settings. Default: {} (each key at its default).");
