/**
 * The subjects the differential check validates in a document: every named schema, and every response
 * body whose schema is written inline (a `$ref` body is its named schema's check). Each subject
 * is paired with where its raw schema sits, so the reference is built from the document itself.
 */
import path from "node:path";
import type { DocumentSet, Location } from "../model/resolve.js";
import type { ApiModel, SchemaNode } from "../model/types.js";
import type { LoadedSpec } from "../spec/load.js";

export interface Subject {
  /** Unique key: the model's key for a named schema, `response <methodName> <status>` otherwise. */
  key: string;
  /** Location of the schema, for the report. */
  pointer: string;
  location: Location;
  /** Set for inline response bodies; a named schema's node is in the model. */
  node?: SchemaNode;
}

/** Returns the named schemas and inline response bodies of a model, in model order. */
export function findSubjects(spec: LoadedSpec, model: ApiModel, docs: DocumentSet): Subject[] {
  const subjects: Subject[] = model.schemas.map((schema) => ({
    key: schema.key,
    pointer: schema.pointer,
    location: parseStablePointer(schema.pointer, spec.file),
  }));
  for (const operation of model.operations) {
    const operationAt = parseDisplayPointer(operation.pointer, spec);
    for (const response of operation.responses) {
      if (!response.schema || response.schema.kind === "ref") continue;
      const location = responseSchemaLocation(
        docs,
        operationAt,
        response.status,
        response.mediaTypes,
        spec.version,
      );
      if (!location) continue;
      subjects.push({
        key: `response ${operation.methodName} ${response.status}`,
        pointer: `${operation.method} ${operation.path} ${response.status}`,
        location,
        node: response.schema,
      });
    }
  }
  return subjects;
}

/** Reads a pointer written by `DocumentSet.describeStable`: `#/...` or `other.yaml#/...`. */
function parseStablePointer(stable: string, entry: string): Location {
  const hash = stable.indexOf("#");
  const filePart = stable.slice(0, hash);
  const pointer = stable.slice(hash + 1);
  if (filePart === "") return { file: entry, pointer };
  if (/^https?:/i.test(filePart)) return { file: filePart, pointer };
  return { file: path.resolve(path.dirname(entry), filePart), pointer };
}

/** Reads a pointer written by `DocumentSet.describe`: the entry as the user named it, others relative. */
function parseDisplayPointer(display: string, spec: LoadedSpec): Location {
  const hash = display.indexOf("#");
  const filePart = display.slice(0, hash);
  const pointer = display.slice(hash + 1);
  if (filePart === spec.displayPath) return { file: spec.file, pointer };
  return parseStablePointer(display, spec.file);
}

/** Finds the raw schema of a response the way the model chose it: the first JSON media type with a schema. */
function responseSchemaLocation(
  docs: DocumentSet,
  operationAt: Location,
  status: string,
  mediaTypes: string[],
  version: string,
): Location | undefined {
  let location = child(child(operationAt, "responses"), status);
  let response = docs.find(location);
  for (
    let depth = 0;
    depth < 16 && isRecord(response) && typeof response.$ref === "string";
    depth++
  ) {
    location = docs.locate(response.$ref, location);
    response = docs.find(location);
  }
  if (!isRecord(response)) return undefined;
  if (version === "2.0") return child(location, "schema");
  const content = isRecord(response.content) ? response.content : {};
  const mediaType =
    mediaTypes.find((type) => isRecord(content[type]) && isRecord(content[type].schema)) ??
    mediaTypes[0];
  if (mediaType === undefined) return undefined;
  return child(child(child(location, "content"), mediaType), "schema");
}

function child(at: Location, token: string): Location {
  return {
    file: at.file,
    pointer: `${at.pointer}/${token.replace(/~/g, "~0").replace(/\//g, "~1")}`,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
