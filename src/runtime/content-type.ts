/**
 * Checks a response's Content-Type against the media types its ResponseSpec declares. Parameters
 * such as charset are ignored, and a JSON response also accepts `application/json` and any
 * `+json` type.
 */
import { ContentTypeError, type ErrorContext } from "./errors.js";
import type { ResponseSpec } from "./operation.js";
import { isJsonMediaType } from "./request-body.js";

// Results per spec and Content-Type value, because generated specs are constants and a vendor
// sends the same few values on every response. A spec keeps at most `maxCachedTypes` of them, so that a vendor varying the header
// cannot make the cache grow.
const matchesBySpec = new WeakMap<ResponseSpec, Map<string, boolean>>();
const maxCachedTypes = 16;

/** Builds the ContentTypeError of a response whose Content-Type `contentTypeMatches` rejected. */
export function contentTypeError(
  spec: ResponseSpec,
  status: number,
  contentType: string | undefined,
  context: ErrorContext,
): ContentTypeError {
  const expected = spec.mediaTypes.length > 0 ? spec.mediaTypes : ["application/json"];
  return new ContentTypeError(context, status, contentType, expected);
}

/** Returns whether a Content-Type satisfies the response's declared media types. */
export function contentTypeMatches(spec: ResponseSpec, contentType: string | undefined): boolean {
  if (contentType === undefined) {
    return spec.kind !== "json" && spec.mediaTypes.length === 0;
  }
  let matches = matchesBySpec.get(spec);
  if (matches === undefined) {
    matches = new Map();
    matchesBySpec.set(spec, matches);
  }
  let result = matches.get(contentType);
  if (result === undefined) {
    result = matchMediaType(spec, contentType);
    if (matches.size < maxCachedTypes) {
      matches.set(contentType, result);
    }
  }
  return result;
}

function matchMediaType(spec: ResponseSpec, contentType: string): boolean {
  const essence = mediaTypeEssence(contentType);
  if (spec.kind === "json" && isJsonMediaType(essence)) {
    return true;
  }
  if (spec.mediaTypes.length === 0) {
    return spec.kind !== "json";
  }
  return spec.mediaTypes.some((declared) => mediaRangeMatches(mediaTypeEssence(declared), essence));
}

function mediaTypeEssence(mediaType: string): string {
  return mediaType.split(";")[0]!.trim().toLowerCase();
}

function mediaRangeMatches(range: string, essence: string): boolean {
  if (range === "*/*" || range === essence) {
    return true;
  }
  return range.endsWith("/*") && essence.startsWith(range.slice(0, -1));
}
