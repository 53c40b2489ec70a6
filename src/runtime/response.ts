/**
 * Turns a response into the call's result: picks the ResponseSpec for the status, reads and
 * parses the body by its kind, validates it with the operation's zod schema, and throws
 * HttpStatusError for every status that is not a declared success.
 */
import type { ZodType } from "zod";
import {
  HttpStatusError,
  ResponseTooLargeError,
  ResponseValidationError,
  type ErrorContext,
  type ValidationIssue,
} from "./errors.js";
import { callEventFields, type EmitEvent } from "./events.js";
import type { HttpMethod } from "./config.js";
import type { ApiResponse, OperationSpec, ResponseSpec } from "./operation.js";
import { assertContentType, contentTypeMatches, discardBody, readBody } from "./response-body.js";
import { parseRetryAfter } from "./retry-after.js";
import type { IncomingResponse } from "./transport.js";

/** Settings for reading the responses of one operation. */
export interface ResponseHandling {
  maxResponseBytes: number;
  /** `report` returns data that failed validation after firing an event; `enforce` throws. */
  validation: "enforce" | "report";
  emit: EmitEvent;
}

type ParsedBody = { ok: true; value: unknown } | { ok: false; issues: ValidationIssue[] };

// decode() without `stream: true` keeps no state between calls, so one decoder serves all.
const utf8 = new TextDecoder();

/** Returns the validated result of a 2xx response, or throws the error that describes it. */
export async function handleResponse(
  operation: OperationSpec,
  response: IncomingResponse,
  handling: ResponseHandling,
  context: ErrorContext,
): Promise<ApiResponse> {
  const spec = selectResponseSpec(operation.responses, response.status);
  if (spec === undefined || response.status < 200 || response.status > 299) {
    throw await buildStatusError(spec, response, handling, context);
  }
  const data = await readSuccessBody(spec, operation.method, response, handling, context);
  return { status: response.status, data, headers: response.headers };
}

/** Picks the ResponseSpec by exact status, then by its `NXX` range, then `default`. */
export function selectResponseSpec(
  responses: ResponseSpec[],
  status: number,
): ResponseSpec | undefined {
  const range = `${Math.floor(status / 100)}XX`;
  return (
    responses.find((response) => response.status === String(status)) ??
    responses.find((response) => response.status.toUpperCase() === range) ??
    responses.find((response) => response.status === "default")
  );
}

async function readSuccessBody(
  spec: ResponseSpec,
  method: HttpMethod,
  response: IncomingResponse,
  handling: ResponseHandling,
  context: ErrorContext,
): Promise<unknown> {
  if (spec.kind === "empty" || method === "HEAD") {
    // An empty response is never parsed or decompressed, whatever Content-Type and
    // Content-Encoding the server sends with it. A body it carries anyway counts to the limit.
    await readBody(response.body, response.headers, handling.maxResponseBytes, context, false);
    return undefined;
  }
  try {
    assertContentType(spec, response.status, response.headers["content-type"], context);
  } catch (error) {
    await discardBody(response.body);
    throw error;
  }
  const bytes = await readBody(response.body, response.headers, handling.maxResponseBytes, context);
  const raw = parseRaw(spec, bytes);
  const parsed =
    raw.ok && spec.schema !== undefined ? validateWithSchema(spec.schema, raw.value) : raw;
  if (parsed.ok) {
    return parsed.value;
  }
  handling.emit({
    type: "validation_failure",
    ...callEventFields(context),
    status: response.status,
    issues: parsed.issues,
    mode: handling.validation,
  });
  // Report mode returns data that parsed but failed the schema. A body that is not valid JSON
  // has no data to return, so it fails in both modes.
  if (handling.validation === "report" && raw.ok) {
    return raw.value;
  }
  throw new ResponseValidationError(context, response.status, parsed.issues);
}

/**
 * Builds the HttpStatusError of a response. Its body is the error body, validated against the
 * schema declared for this status or `default`. The body is undefined when there is no schema,
 * the Content-Type does not match, the body is too large or it fails validation.
 */
async function buildStatusError(
  spec: ResponseSpec | undefined,
  response: IncomingResponse,
  handling: ResponseHandling,
  context: ErrorContext,
): Promise<HttpStatusError> {
  const retryAfterMs = parseRetryAfter(response.headers["retry-after"]);
  if (
    spec?.schema === undefined ||
    spec.kind === "empty" ||
    !contentTypeMatches(spec, response.headers["content-type"])
  ) {
    await discardBody(response.body);
    return new HttpStatusError(context, response.status, undefined, retryAfterMs);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readBody(response.body, response.headers, handling.maxResponseBytes, context);
  } catch (error) {
    if (error instanceof ResponseTooLargeError) {
      return new HttpStatusError(context, response.status, undefined, retryAfterMs);
    }
    throw error;
  }
  const parsed = validateBody(spec, bytes);
  return new HttpStatusError(
    context,
    response.status,
    parsed.ok ? parsed.value : undefined,
    retryAfterMs,
  );
}

/** Parses a body by its kind and validates it with the spec's schema, when there is one. */
function validateBody(spec: ResponseSpec, bytes: Uint8Array): ParsedBody {
  const raw = parseRaw(spec, bytes);
  if (!raw.ok || spec.schema === undefined) {
    return raw;
  }
  return validateWithSchema(spec.schema, raw.value);
}

function parseRaw(spec: ResponseSpec, bytes: Uint8Array): ParsedBody {
  if (spec.kind === "binary") {
    return { ok: true, value: bytes };
  }
  const text = utf8.decode(bytes);
  if (spec.kind !== "json") {
    return { ok: true, value: text };
  }
  try {
    // JSON.parse stores a `__proto__` key as an own property, so a body cannot reach
    // Object.prototype through it.
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return {
      ok: false,
      issues: [{ path: [], code: "invalid_json", message: "Body is not valid JSON" }],
    };
  }
}

/** Validates with zod; issues keep the path, code and message, never the received value. */
function validateWithSchema(schema: ZodType, value: unknown): ParsedBody {
  const result = schema.safeParse(value);
  if (result.success) {
    return { ok: true, value: result.data };
  }
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map((key) => (typeof key === "number" ? key : String(key))),
    code: issue.code,
    message: issue.message,
  }));
  return { ok: false, issues };
}
