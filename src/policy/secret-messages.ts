/**
 * Messages for secrets written into a policy, and the rule for which values a message may show.
 */
import { formatPolicyPath } from "./errors.js";

/** Keys under `auth` whose values are not secret and may appear in messages. */
const PUBLIC_AUTH_KEYS = new Set([
  "scheme",
  "in",
  "name",
  "tokenUrl",
  "scopes",
  "clientAuthentication",
]);

/** Keys under `auth` that name a secret source, with the noun used for them in messages. */
const SECRET_FIELDS: Record<string, string> = {
  secret: "the secret",
  username: "the user name",
  password: "the password",
  clientId: "the client ID",
  clientSecret: "the client secret",
};

/** Path of the client certificate's private key source. */
const CLIENT_KEY_PATH = ["tls", "clientCertificate", "key"];

const ENV_REFERENCE = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/;

/** Returns whether a value at `path` may be a secret, so that messages must not show it. */
export function isSecretPath(path: readonly PropertyKey[]): boolean {
  if (startsWith(path, CLIENT_KEY_PATH)) {
    return true;
  }
  return path[0] === "auth" && !PUBLIC_AUTH_KEYS.has(String(path[1]));
}

/** Returns whether `path` is a secret source such as `auth.secret` or `tls.clientCertificate.key`. */
export function isSecretSourcePath(path: readonly PropertyKey[]): boolean {
  if (path.length === CLIENT_KEY_PATH.length && startsWith(path, CLIENT_KEY_PATH)) {
    return true;
  }
  return path.length === 2 && path[0] === "auth" && Object.hasOwn(SECRET_FIELDS, String(path[1]));
}

function startsWith(path: readonly PropertyKey[], prefix: readonly string[]): boolean {
  return prefix.every((segment, index) => String(path[index]) === segment);
}

/**
 * Explains that the secret source at `fieldPath` (e.g. `["auth", "secret"]`) must name where the
 * secret comes from. `value` is the literal found there: it only picks the advice and is never
 * shown, except for a `$NAME` reference, which names an environment variable and no secret.
 */
export function literalSecretMessage(fieldPath: readonly PropertyKey[], value: unknown): string {
  const field = formatPolicyPath(fieldPath);
  const isClientKey = fieldPath[0] === "tls";
  const noun = isClientKey
    ? "the private key"
    : (SECRET_FIELDS[String(fieldPath[fieldPath.length - 1])] ?? "the secret");
  const sources = isClientKey
    ? "{ file: PATH }, { env: NAME } or { provider: NAME }"
    : "{ env: NAME } or { provider: NAME }";
  const rule =
    `${field} must name where ${noun} comes from (${sources}), ` +
    "because a literal secret in the policy would end up in the repository.";

  const reference = typeof value === "string" ? ENV_REFERENCE.exec(value) : null;
  if (reference) {
    return `${rule} To read the environment variable ${reference[1]}, write { env: ${reference[1]} }.`;
  }
  return `${rule} If this value is a real secret that was ever committed, rotate it.`;
}

/**
 * Explains an unknown key under `auth` whose value is a literal, such as `auth.token: ghp_...`:
 * the value is most likely a secret written in place of a secret source.
 */
export function unknownSecretKeyMessage(
  keyPath: readonly PropertyKey[],
  authScheme: unknown,
): string {
  const key = formatPolicyPath(keyPath);
  const parent = keyPath.slice(0, -1);

  if (isSecretSourcePath(parent)) {
    return `${literalSecretMessage(parent, undefined)} Remove ${key}.`;
  }
  if (authScheme === "bearer" || authScheme === "apiKey") {
    return `${literalSecretMessage(["auth", "secret"], undefined)} Remove ${key}.`;
  }
  if (authScheme === "basic") {
    return `${literalSecretMessage(["auth", "password"], undefined)} Remove ${key}.`;
  }
  if (authScheme === "oauth2ClientCredentials") {
    return `${literalSecretMessage(["auth", "clientSecret"], undefined)} Remove ${key}.`;
  }
  return (
    `unknown key with a literal value that may be a secret. A literal secret in the policy ` +
    `would end up in the repository. Remove ${key}, set auth.scheme, and name where the secret ` +
    "comes from with { env: NAME } or { provider: NAME }. If the value was ever committed, rotate it."
  );
}
