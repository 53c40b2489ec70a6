/**
 * Operation keys: how `operations.include`, `operations.exclude` and `operations.overrides` name an
 * operation, either by its operationId as written in the document or as `METHOD /path`.
 */
import { z } from "zod";
import type { HttpMethod } from "../runtime/config.js";
import { describeValue } from "./messages.js";
import { HTTP_METHODS } from "./fields.js";

/** Identity of an operation in the vendor document, as far as matching operation keys needs it. */
export interface OperationRef {
  /** operationId as the runtime uses it: the document's, or `METHOD /path` when it has none. */
  operationId: string;
  method: HttpMethod;
  /** Path template as written in the document, e.g. `/repos/{owner}/{repo}`. */
  path: string;
}

export type OperationKey =
  | { kind: "operationId"; operationId: string }
  | { kind: "route"; method: HttpMethod; path: string };

type ParsedKey = { ok: true; key: OperationKey } | { ok: false; message: string };

const ROUTE = /^(\S+) (\S+)$/;
const USAGE =
  'Write an operationId as the document spells it, or "METHOD /path", e.g. "GET /repos/{owner}/{repo}".';

/** Parses an operation key, returning a message for the person who wrote it when it is invalid. */
export function parseOperationKey(text: string): ParsedKey {
  if (text === "") {
    return { ok: false, message: `must not be empty. ${USAGE}` };
  }
  if (!/\s/.test(text)) {
    if (text in Object.prototype) {
      const message = `${JSON.stringify(text)} is a member of every JavaScript object and cannot name an operation. Use "METHOD /path" for it.`;
      return { ok: false, message };
    }
    return { ok: true, key: { kind: "operationId", operationId: text } };
  }

  const route = ROUTE.exec(text);
  const method = route?.[1] ?? "";
  const path = route?.[2] ?? "";
  if (!route || !path.startsWith("/")) {
    return {
      ok: false,
      message: `expected an operation key, got ${describeValue(text)}. ${USAGE}`,
    };
  }
  if (!isHttpMethod(method)) {
    const upper = method.toUpperCase();
    const hint = isHttpMethod(upper) ? ` Write the method in upper case: "${upper} ${path}".` : "";
    return { ok: false, message: `unknown HTTP method ${JSON.stringify(method)}.${hint} ${USAGE}` };
  }
  return { ok: true, key: { kind: "route", method, path } };
}

function isHttpMethod(text: string): text is HttpMethod {
  return (HTTP_METHODS as readonly string[]).includes(text);
}

/** Schema of an operation key, validated with {@link parseOperationKey}. */
export const operationKey = z.string().superRefine((text, context) => {
  const parsed = parseOperationKey(text);
  if (!parsed.ok) {
    context.addIssue({ code: "custom", input: text, message: parsed.message });
  }
});

/** Returns whether the key `text` names `operation`. An invalid key names no operation. */
export function matchesOperation(text: string, operation: OperationRef): boolean {
  const parsed = parseOperationKey(text);
  if (!parsed.ok) {
    return false;
  }
  const key = parsed.key;
  if (key.kind === "operationId") {
    return key.operationId === operation.operationId;
  }
  return key.method === operation.method && key.path === operation.path;
}
