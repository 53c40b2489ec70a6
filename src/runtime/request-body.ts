/**
 * Serialises a request body by the kind the operation declares. Each body is turned into bytes or
 * a string once per call, so that every retry sends exactly the same content.
 */
import { RequestValidationError, type ErrorContext } from "./errors.js";
import type { RequestBodySpec } from "./operation.js";
import { formatPrimitive, isAbsent } from "./parameter-value.js";

const binaryFallback = "application/octet-stream";

/** A body ready to send, with the Content-Type that describes it. */
export interface SerialisedBody {
  content: string | Uint8Array;
  contentType: string;
}

/**
 * Returns whether serialising the body waits on the platform: a multipart body is encoded by
 * `Response`, and a Blob is read. Every other body is serialised synchronously.
 */
export function requestBodyWaits(spec: RequestBodySpec | undefined, value: unknown): boolean {
  if (spec === undefined || value === undefined) {
    return false;
  }
  return spec.kind === "multipart" || (spec.kind === "binary" && value instanceof Blob);
}

/** Serialises `value`; returns undefined when there is no body to send. */
export async function serialiseRequestBody(
  spec: RequestBodySpec | undefined,
  value: unknown,
  context: ErrorContext,
): Promise<SerialisedBody | undefined> {
  if (spec !== undefined && requestBodyWaits(spec, value)) {
    return spec.kind === "multipart"
      ? serialiseMultipart(spec, value, context)
      : serialiseBlob(spec, value as Blob);
  }
  return serialiseRequestBodyNow(spec, value, context);
}

/**
 * Serialises a body for which `requestBodyWaits` is false; returns undefined when there is no
 * body to send. A multipart or Blob body is rejected here, because only `serialiseRequestBody`
 * can encode it.
 */
export function serialiseRequestBodyNow(
  spec: RequestBodySpec | undefined,
  value: unknown,
  context: ErrorContext,
): SerialisedBody | undefined {
  if (spec === undefined || value === undefined) {
    if (spec?.required === true) {
      throw new RequestValidationError(context, "request body is missing");
    }
    return undefined;
  }
  switch (spec.kind) {
    case "json":
      return serialiseJson(spec, value);
    case "form":
      return serialiseForm(value, context);
    case "text":
      return serialiseText(spec, value, context);
    case "binary":
      return serialiseBytes(spec, value, context);
    case "multipart":
      throw new RequestValidationError(context, "multipart body needs serialiseRequestBody");
  }
}

function serialiseJson(spec: RequestBodySpec, value: unknown): SerialisedBody {
  const contentType = isJsonMediaType(spec.mediaType) ? spec.mediaType : "application/json";
  return { content: JSON.stringify(value), contentType };
}

function serialiseForm(value: unknown, context: ErrorContext): SerialisedBody {
  const form = new URLSearchParams();
  for (const [name, item] of entriesOf(value, context)) {
    for (const element of Array.isArray(item) ? item : [item]) {
      if (isAbsent(element)) {
        continue;
      }
      form.append(name, formatPrimitive(element) ?? JSON.stringify(element));
    }
  }
  return { content: form.toString(), contentType: "application/x-www-form-urlencoded" };
}

/**
 * Builds multipart/form-data with the platform's FormData and lets `Response` encode it, so the
 * boundary comes from the runtime and is never written by hand.
 */
async function serialiseMultipart(
  spec: RequestBodySpec,
  value: unknown,
  context: ErrorContext,
): Promise<SerialisedBody> {
  const jsonFields = new Set(spec.jsonFields ?? []);
  const form = new FormData();
  for (const [name, item] of entriesOf(value, context)) {
    if (jsonFields.has(name)) {
      appendJsonPart(form, name, item);
      continue;
    }
    for (const element of Array.isArray(item) ? item : [item]) {
      appendPart(form, name, element);
    }
  }
  const encoded = new Response(form);
  const contentType = encoded.headers.get("content-type");
  if (contentType === null) {
    throw new RequestValidationError(context, "multipart body could not be encoded");
  }
  return { content: new Uint8Array(await encoded.arrayBuffer()), contentType };
}

function appendJsonPart(form: FormData, name: string, value: unknown): void {
  if (value === undefined) {
    return;
  }
  // NOTE: FormData gives a part a Content-Type only when it is a file part, so a JSON part also
  // carries the filename `blob`. A server that rejects file parts for JSON fields rejects it.
  form.append(name, new Blob([JSON.stringify(value)], { type: "application/json" }));
}

function appendPart(form: FormData, name: string, value: unknown): void {
  if (isAbsent(value)) {
    return;
  }
  if (value instanceof Blob) {
    // A File keeps its own name; a plain Blob is sent with the filename `blob`.
    form.append(name, value);
    return;
  }
  if (value instanceof Uint8Array || value instanceof ArrayBuffer) {
    // The copy is backed by a plain ArrayBuffer, which the DOM typing of BlobPart requires.
    form.append(name, new Blob([value instanceof ArrayBuffer ? value : new Uint8Array(value)]));
    return;
  }
  form.append(name, formatPrimitive(value) ?? JSON.stringify(value));
}

function serialiseText(
  spec: RequestBodySpec,
  value: unknown,
  context: ErrorContext,
): SerialisedBody {
  const text = formatPrimitive(value);
  if (text === undefined) {
    throw new RequestValidationError(context, "text request body must be a string");
  }
  return { content: text, contentType: concreteMediaType(spec.mediaType, "text/plain") };
}

function serialiseBytes(
  spec: RequestBodySpec,
  value: unknown,
  context: ErrorContext,
): SerialisedBody {
  const contentType = concreteMediaType(spec.mediaType, binaryFallback);
  if (value instanceof Uint8Array) {
    return { content: value, contentType };
  }
  if (value instanceof ArrayBuffer) {
    return { content: new Uint8Array(value), contentType };
  }
  throw new RequestValidationError(
    context,
    "binary request body must be a Uint8Array, ArrayBuffer or Blob",
  );
}

async function serialiseBlob(spec: RequestBodySpec, value: Blob): Promise<SerialisedBody> {
  const content = new Uint8Array(await value.arrayBuffer());
  return { content, contentType: concreteMediaType(spec.mediaType, value.type || binaryFallback) };
}

function entriesOf(value: unknown, context: ErrorContext): Array<[string, unknown]> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new RequestValidationError(context, "form request body must be an object");
  }
  return Object.entries(value);
}

/** Returns whether a media type is JSON: `application/json` or any `+json` suffix type. */
export function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaType.split(";")[0]!.trim().toLowerCase();
  return essence === "application/json" || /^[a-z0-9.+-]+\/[a-z0-9.+-]+\+json$/.test(essence);
}

/** Returns the declared media type unless it is a wildcard range, which cannot label a body. */
function concreteMediaType(declared: string, fallback: string): string {
  return declared.includes("*") ? fallback : declared;
}
