/**
 * Checks that relate several policy keys: the base URL and the OAuth 2.0 token endpoint against
 * allowInsecureHttp and allowedHosts, timeouts and backoff bounds (client-wide and merged per
 * operation), the retried methods, and the operation lists.
 *
 * The checks run even when single keys failed, so a value here may still be the raw input of a
 * key that failed. Each check reads only values of the expected type and skips the rest, whose
 * own problem is already reported.
 */
import { z } from "zod";
import { checkTokenUrl } from "./auth-consistency.js";
import { MAX_TIMER_MS } from "./fields.js";
import { isLoopbackHostname, normalizeHost, parseBaseUrl } from "./url-rules.js";

type Path = (string | number)[];
type Report = (path: Path, message: string) => void;
type Fields = Record<string, unknown>;

/** Adds an issue to `context` for every inconsistency between keys of the policy `value`. */
export function checkPolicyConsistency(value: unknown, context: z.RefinementCtx<unknown>): void {
  const policy = asFields(value);
  if (!policy) {
    return;
  }
  const report: Report = (path, message) => {
    context.addIssue({ code: "custom", path, message, input: undefined });
  };

  checkBaseUrl(policy, report);
  checkTokenUrl(policy, report);
  checkTimeouts(policy, report);
  checkBackoff(policy, report);
  checkRetriedMethods(policy, report);
  checkOperationLists(policy, report);
}

function checkBaseUrl(policy: Fields, report: Report): void {
  if (typeof policy["baseUrl"] !== "string") {
    return;
  }
  const parsed = parseBaseUrl(policy["baseUrl"]);
  if (!parsed.ok) {
    return;
  }
  const url = parsed.value.url;

  if (url.protocol === "http:" && policy["allowInsecureHttp"] !== true) {
    report(
      ["baseUrl"],
      "uses http://, which sends requests and credentials in clear text. Use https://, or set allowInsecureHttp: true for a test server on loopback.",
    );
  } else if (url.protocol === "http:" && !isLoopbackHostname(url.hostname)) {
    report(
      ["baseUrl"],
      `allowInsecureHttp allows http:// only to loopback hosts (127.0.0.0/8, ::1, localhost), but the host is ${url.hostname}. Use https://.`,
    );
  }

  const hosts = normalizeAllHosts(policy["allowedHosts"]);
  if (hosts && !hosts.includes(url.host)) {
    report(
      ["allowedHosts"],
      `must include the base URL's host ${url.host}, so that requests to the base URL are allowed. Add "${url.host}".`,
    );
  }
}

/** Normalises every allowed host, or returns undefined when any entry is invalid. */
function normalizeAllHosts(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  const hosts: string[] = [];
  for (const entry of value) {
    const normalized = typeof entry === "string" ? normalizeHost(entry) : undefined;
    if (!normalized?.ok) {
      return undefined;
    }
    hosts.push(normalized.value);
  }
  return hosts;
}

function checkTimeouts(policy: Fields, report: Report): void {
  checkOrder(policy, report, {
    group: "timeouts",
    lower: "attemptMs",
    upper: "callMs",
    reason: "one attempt cannot outlast the whole call",
  });
}

function checkBackoff(policy: Fields, report: Report): void {
  checkOrder(policy, report, {
    group: "retries",
    lower: "baseDelayMs",
    upper: "maxDelayMs",
    reason: "the first backoff delay cannot exceed the upper bound of every delay",
  });
}

interface OrderRule {
  group: "timeouts" | "retries";
  lower: string;
  upper: string;
  reason: string;
}

/**
 * Checks `group.lower <= group.upper`, client-wide and for every operation override that sets
 * either key, where the override is merged over the client-wide values.
 */
function checkOrder(policy: Fields, report: Report, rule: OrderRule): void {
  const clientWide = asFields(policy[rule.group]) ?? {};
  checkPair(clientWide, undefined, [rule.group], rule, report);

  for (const [key, override] of overridesOf(policy)) {
    const own = asFields(override[rule.group]);
    if (!own || (own[rule.lower] === undefined && own[rule.upper] === undefined)) {
      continue;
    }
    checkPair(clientWide, own, ["operations", "overrides", key, rule.group], rule, report);
  }
}

/**
 * Reports `lower > upper`. For an override, `own` contains its values, which take precedence over
 * `clientWide`, and the problem goes to a key the override sets.
 */
function checkPair(
  clientWide: Fields,
  own: Fields | undefined,
  path: Path,
  rule: OrderRule,
  report: Report,
): void {
  const describe = (key: string) => {
    const inherited = own !== undefined && own[key] === undefined;
    const value = own?.[key] ?? clientWide[key];
    const source = inherited ? `, from ${rule.group}.${key}` : "";
    return { value, text: `${key} (${String(value)}${source})` };
  };
  const lower = describe(rule.lower);
  const upper = describe(rule.upper);
  if (!isDuration(lower.value) || !isDuration(upper.value) || lower.value <= upper.value) {
    return;
  }

  const key = own === undefined || own[rule.lower] !== undefined ? rule.lower : rule.upper;
  report(
    [...path, key],
    `${lower.text} must not exceed ${upper.text}, because ${rule.reason}. Lower ${rule.lower} or raise ${rule.upper}.`,
  );
}

/** Methods that are not idempotent: a repeated request can repeat its effect. */
const NON_IDEMPOTENT = new Set(["POST", "PATCH"]);

function checkRetriedMethods(policy: Fields, report: Report): void {
  const methods = asFields(policy["retries"])?.["methods"];
  if (!Array.isArray(methods)) {
    return;
  }
  methods.forEach((method, index) => {
    if (typeof method === "string" && NON_IDEMPOTENT.has(method)) {
      report(
        ["retries", "methods", index],
        `${method} is not idempotent, so retrying every ${method} could repeat its effect, such as a payment. ` +
          "Set operations.overrides.<operation>.idempotencyKeyHeader for operations that accept an idempotency key, " +
          `or list ${method} in operations.overrides.<operation>.retries.methods for one known to be idempotent.`,
      );
    }
  });
}

function checkOperationLists(policy: Fields, report: Report): void {
  const operations = asFields(policy["operations"]);
  const include = operations?.["include"];
  const exclude = operations?.["exclude"];
  if (!Array.isArray(include) || !Array.isArray(exclude)) {
    return;
  }
  exclude.forEach((key, index) => {
    if (include.includes(key)) {
      report(
        ["operations", "exclude", index],
        `${JSON.stringify(key)} is also in operations.include. List an operation in include or in exclude, not both.`,
      );
    }
  });
}

function overridesOf(policy: Fields): [string, Fields][] {
  const overrides = asFields(asFields(policy["operations"])?.["overrides"]) ?? {};
  const result: [string, Fields][] = [];
  for (const [key, value] of Object.entries(overrides)) {
    const fields = asFields(value);
    if (fields) {
      result.push([key, fields]);
    }
  }
  return result;
}

function asFields(value: unknown): Fields | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Fields)
    : undefined;
}

/** Returns whether `value` is a valid duration. An invalid one is reported by its own key. */
function isDuration(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= MAX_TIMER_MS;
}
