/**
 * The description of one operation that the generator emits and the runtime executes. Generated
 * methods pass one of these plus the caller's input to `VendorRuntime.call`.
 */
import type { ZodType } from "zod";
import type { HttpMethod } from "./config.js";

export type ParameterLocation = "path" | "query" | "header" | "cookie";

/** Serialization style of a parameter, as OpenAPI 3 names it; Swagger 2.0 formats map onto it. */
export type ParameterStyle =
  "simple" | "form" | "spaceDelimited" | "pipeDelimited" | "deepObject" | "label" | "matrix";

export interface ParameterSpec {
  /** Name on the wire, exactly as the document writes it. */
  name: string;
  in: ParameterLocation;
  required: boolean;
  style: ParameterStyle;
  explode: boolean;
  /** Parameter declared with `content: application/json`: the value is sent as JSON text. */
  json?: boolean;
}

export type RequestBodyKind = "json" | "form" | "multipart" | "text" | "binary";

export interface RequestBodySpec {
  mediaType: string;
  kind: RequestBodyKind;
  required: boolean;
  /** Multipart fields whose parts are sent as JSON (`encoding.<field>.contentType` is JSON). */
  jsonFields?: string[];
}

export type ResponseKind = "json" | "text" | "binary" | "empty";

export interface ResponseSpec {
  /** `200`, `2XX` or `default`, as the document writes it. */
  status: string;
  kind: ResponseKind;
  /** Media types the operation declares for this status; empty for `empty`. */
  mediaTypes: string[];
  /** Schema the parsed body must satisfy; absent when the body is not validated. */
  schema?: ZodType;
}

export interface OperationSpec {
  /** operationId as written in the document, or `METHOD /path` when it has none. */
  operationId: string;
  method: HttpMethod;
  /** Path template relative to the base URL, e.g. `/repos/{owner}/{repo}`. */
  path: string;
  parameters: ParameterSpec[];
  requestBody?: RequestBodySpec;
  responses: ResponseSpec[];
  /** False when the document turns security off for this operation (`security: []`). */
  auth: boolean;
}

/** What a caller passes to a generated method, grouped by where each value goes. */
export interface CallInput {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  headers?: Record<string, unknown>;
  cookies?: Record<string, unknown>;
  body?: unknown;
}

/** Per-call options a caller may pass to any generated method. */
export interface CallOptions {
  /** Cancels the call at any point, including during a backoff delay. */
  signal?: AbortSignal;
}

/** A successful response: the status, the validated data and the response headers. */
export interface ApiResponse<Status extends number = number, Data = unknown> {
  status: Status;
  data: Data;
  headers: Record<string, string>;
}
