/**
 * Sends one request through an undici Agent and returns the response in the runtime's form:
 * status, flat lower-cased headers and the unread body.
 */
import type { Agent, Dispatcher } from "undici";
import type { ErrorContext } from "./errors.js";
import type { IncomingResponse, OutgoingRequest, RequestSignal } from "./transport.js";
import { toTransportError } from "./transport-errors.js";

/**
 * Sends one request through `agent`; undici's errors become transport errors unless the signal
 * aborted the request. A promise chain rather than an async function, because this runs on every
 * attempt and a suspended async function costs several allocations more.
 */
export function dispatch(
  agent: Agent,
  request: OutgoingRequest,
  signal: RequestSignal,
  context: ErrorContext,
): Promise<IncomingResponse> {
  const responding = agent.request({
    origin: request.origin,
    path: request.path,
    method: request.method,
    headers: request.headers,
    body: request.body ?? null,
    // undici 7 reads only `aborted`, `reason` and the abort listeners of a signal, but its
    // types name only AbortSignal and EventEmitter.
    signal: signal as AbortSignal,
    headersTimeout: request.headersTimeoutMs,
    bodyTimeout: request.bodyTimeoutMs,
  });
  return responding.then(
    (response) => ({
      status: response.statusCode,
      headers: flattenHeaders(response.headers),
      body: response.body,
    }),
    (error: unknown) => {
      throw signal.aborted ? error : toTransportError(error, context);
    },
  );
}

/**
 * Joins repeated headers with `, ` in the object undici returns, which is the response's own, so
 * nothing is copied. undici 7 lower-cases header names; a name that is not is moved. A header
 * named `__proto__` is dropped, because copied into another object by assignment it would set
 * that object's prototype.
 */
function flattenHeaders(headers: Dispatcher.ResponseData["headers"]): Record<string, string> {
  const flat = headers as Record<string, string | string[] | undefined>;
  for (const name of Object.keys(flat)) {
    const value = flat[name];
    const lowerName = name.toLowerCase();
    if (lowerName !== name || lowerName === "__proto__") {
      delete flat[name];
    }
    if (value === undefined || lowerName === "__proto__") {
      delete flat[lowerName];
    } else {
      flat[lowerName] = Array.isArray(value) ? value.join(", ") : value;
    }
  }
  return flat as Record<string, string>;
}
