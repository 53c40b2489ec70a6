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
import type { ApiResponse, OperationSpec, ResponseSpec } from "./operation.js";
import { compiledSchema } from "./compiled-schema.js";
import { contentTypeError, contentTypeMatches } from "./content-type.js";
import { discardBody, readBody, readBodyText } from "./response-body.js";
import { selectResponseSpec } from "./response-spec.js";
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
  const { status, headers, body } = response;
  const spec = selectResponseSpec(operation.responses, status);
  if (spec === undefined || status < 200 || status > 299) {
    throw await buildStatusError(spec, response, handling, context);
  }
  if (spec.kind === "empty" || operation.method === "HEAD") {
    // An empty response is never parsed or decompressed, whatever Content-Type and
    // Content-Encoding the server sends with it. A body it carries anyway counts to the limit.
    await readBody(body, headers, handling.maxResponseBytes, context, false);
    return { status, data: undefined, headers };
  }
  if (!contentTypeMatches(spec, headers["content-type"])) {
    await discardBody(body);
    throw contentTypeError(spec, status, headers["content-type"], context);
  }
  let raw: ParsedBody;
  if (spec.kind === "binary") {
    raw = { ok: true, value: await readBody(body, headers, handling.maxResponseBytes, context) };
  } else {
    raw = parseText(spec, await readBodyText(body, headers, handling.maxResponseBytes, context));
  }
  return { status, data: validateSuccessBody(spec, raw, status, handling, context), headers };
}

/**
 * Returns the data of a parsed success body after validating it with the spec's schema. A
 * failure fires the validation-failure event and throws ResponseValidationError, except in
 * report mode, which returns data that parsed but failed the schema.
 */
function validateSuccessBody(
  spec: ResponseSpec,
  raw: ParsedBody,
  status: number,
  handling: ResponseHandling,
  context: ErrorContext,
): unknown {
  const parsed =
    raw.ok && spec.schema !== undefined ? validateWithSchema(spec.schema, raw.value) : raw;
  if (parsed.ok) {
    return parsed.value;
  }
  handling.emit({
    type: "validation_failure",
    ...callEventFields(context),
    status,
    issues: parsed.issues,
    mode: handling.validation,
  });
  // A body that is not valid JSON has no data to return, so it fails in both modes.
  if (handling.validation === "report" && raw.ok) {
    return raw.value;
  }
  throw new ResponseValidationError(context, status, parsed.issues);
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
  return spec.kind === "binary" ? { ok: true, value: bytes } : parseText(spec, utf8.decode(bytes));
}

function parseText(spec: ResponseSpec, text: string): ParsedBody {
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
  const result = compiledSchema(schema).safeParse(value);
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
