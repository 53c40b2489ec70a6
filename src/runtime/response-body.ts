/**
 * Reads a response body as a stream under a byte limit, decompressing gzip, deflate and br with
 * node:zlib. The limit counts decoded bytes, so a small compressed body that inflates past it (a
 * decompression bomb) is cut off as soon as the limit is passed.
 */
import type { Readable } from "node:stream";
import { finished, pipeline } from "node:stream";
import * as zlib from "node:zlib";
import type { Dispatcher } from "undici";
import { NetworkError, ResponseTooLargeError, type ErrorContext } from "./errors.js";

// decode() without `stream: true` keeps no state between calls, so one decoder serves all.
const utf8 = new TextDecoder();

/** Content codings the runtime can decode; it sends them as Accept-Encoding. */
export const acceptedEncodings = "gzip, deflate, br";

/**
 * Reads the whole body into memory and throws ResponseTooLargeError once it passes `maxBytes`.
 * A Content-Length above the limit fails before any byte is read. An unencoded body with a
 * Content-Length within the limit is read by undici, which never reads past the declared
 * length. Any other body is counted as it arrives, after decompression with `decode`.
 */
export async function readBody(
  body: Dispatcher.ResponseData["body"],
  headers: Record<string, string>,
  maxBytes: number,
  context: ErrorContext,
  decode = true,
): Promise<Uint8Array> {
  const encoding = decode ? headers["content-encoding"] : undefined;
  const declaredLength = Number(headers["content-length"]);
  if (Number.isFinite(declaredLength) && encoding === undefined) {
    if (declaredLength > maxBytes) {
      destroyQuietly(body);
      throw new ResponseTooLargeError(context, maxBytes);
    }
    // undici 7 reads exactly Content-Length bytes of an HTTP/1.1 body and fails it on a
    // mismatch, so the declared length bounds what is read, and undici's reader costs less.
    return body.bytes();
  }
  const decoded = decodeStream(body, encoding, context);
  return collectBytes(decoded, body, maxBytes, context);
}

/**
 * Reads the whole body as UTF-8 text under the same limit as `readBody`. undici reads and decodes
 * an unencoded body with a Content-Length within the limit in one step, which saves a copy of the
 * body. Both ways drop a leading byte order mark.
 */
export function readBodyText(
  body: Dispatcher.ResponseData["body"],
  headers: Record<string, string>,
  maxBytes: number,
  context: ErrorContext,
): Promise<string> {
  const declaredLength = Number(headers["content-length"]);
  if (
    Number.isFinite(declaredLength) &&
    declaredLength <= maxBytes &&
    headers["content-encoding"] === undefined
  ) {
    return body.text();
  }
  return readBody(body, headers, maxBytes, context).then((bytes) => utf8.decode(bytes));
}

/**
 * Collects a stream's bytes from `data` events, which costs less per chunk than an async
 * iterator. Past `maxBytes` both streams are destroyed and the promise rejects.
 */
function collectBytes(
  stream: Readable,
  source: Readable,
  maxBytes: number,
  context: ErrorContext,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      settled = true;
      stream.off("data", onData);
      destroyQuietly(stream);
      destroyQuietly(source);
      reject(new ResponseTooLargeError(context, maxBytes));
    };
    stream.on("data", onData);
    // finished() also reports a stream that closes before its end, which `end` alone misses.
    finished(stream, (error) => {
      if (settled) {
        return;
      }
      settled = true;
      if (error) {
        reject(error);
      } else {
        resolve(Buffer.concat(chunks, total));
      }
    });
  });
}

/**
 * Reads and drops a body that will not be used, so that the connection can serve the next
 * request. Past undici's default dump limit of 128 KiB the connection is closed instead.
 */
export async function discardBody(body: Dispatcher.ResponseData["body"]): Promise<void> {
  await body.dump().catch(() => undefined);
}

/**
 * Destroys a stream without an unhandled `error` event: undici's body emits RequestAbortedError
 * when it is destroyed before its end, which would crash the process without a listener.
 */
function destroyQuietly(stream: Readable): void {
  stream.on("error", () => undefined);
  stream.destroy();
}

/**
 * Returns a stream of decoded bytes. Codings are listed in the order they were applied, so they
 * are undone from last to first.
 */
function decodeStream(
  body: Readable,
  encodingHeader: string | undefined,
  context: ErrorContext,
): Readable {
  const codings = (encodingHeader ?? "")
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity");
  if (codings.length === 0) {
    return body;
  }
  const decoders = codings.reverse().map((coding) => createDecoder(coding, body, context));
  // Errors surface in collectBytes over the last stream; the callback only keeps pipeline quiet.
  return pipeline([body, ...decoders], () => undefined) as unknown as Readable;
}

function createDecoder(
  coding: string,
  body: Readable,
  context: ErrorContext,
): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress {
  switch (coding) {
    case "gzip":
    case "x-gzip":
      return zlib.createGunzip();
    case "deflate":
      return zlib.createInflate();
    case "br":
      return zlib.createBrotliDecompress();
    default:
      destroyQuietly(body);
      throw new NetworkError(context, `response has unsupported Content-Encoding "${coding}"`);
  }
}
