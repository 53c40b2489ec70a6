/**
 * Building the operation models: parameters, request body and responses of every operation,
 * from OpenAPI 3.x or Swagger 2.0 path items.
 */
import type { HttpMethod } from "../runtime/config.js";
import type { ParameterLocation, ParameterStyle, RequestBodyKind } from "../runtime/operation.js";
import { escapePointerToken } from "../spec/refs.js";
import type { SpecVersion } from "../spec/version.js";
import { compareCodeUnits, type SchemaRegistry } from "./registry.js";
import type { Location } from "./resolve.js";
import { child } from "./schema.js";
import type { ObjectNode, OperationModel, ParameterModel, RequestBodyModel, ResponseModel, SchemaNode } from "./types.js";

type Raw = Record<string, unknown>;

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** Header parameters that OpenAPI defines as ignored, because the runtime sets them itself. */
const IGNORED_HEADERS = new Set(["accept", "content-type", "authorization"]);

/** An operation before naming: everything but `methodName` and `typeName`. */
export type UnnamedOperation = Omit<OperationModel, "methodName" | "typeName"> & { hasOperationId: boolean };

export class OperationBuilder {
  readonly #registry: SchemaRegistry;
  readonly #version: SpecVersion;
  readonly #root: Raw;
  readonly warnings: string[] = [];

  constructor(registry: SchemaRegistry, version: SpecVersion, root: Raw) {
    this.#registry = registry;
    this.#version = version;
    this.#root = root;
  }

  /** Builds one operation from its path item; `at` is the operation object's location. */
  build(pathKey: string, method: (typeof HTTP_METHODS)[number], pathItem: Raw, operation: Raw, at: Location): UnnamedOperation {
    const httpMethod = method.toUpperCase() as HttpMethod;
    const parameters = this.#parameters(pathItem, operation, at);
    const model: UnnamedOperation = {
      operationId: typeof operation.operationId === "string" ? operation.operationId : `${httpMethod} ${pathKey}`,
      hasOperationId: typeof operation.operationId === "string",
      method: httpMethod,
      path: pathKey,
      pointer: this.#registry.docs.describe(at),
      deprecated: operation.deprecated === true,
      parameters: parameters.filter((parameter) => parameter.in !== "body" && parameter.in !== "formData") as ParameterModel[],
      responses: this.#responses(operation, at, httpMethod),
      auth: !(Array.isArray(operation.security) && operation.security.length === 0),
    };
    if (typeof operation.summary === "string") model.summary = operation.summary;
    if (typeof operation.description === "string") model.description = operation.description;
    const body = this.#version === "2.0" ? this.#swaggerBody(parameters, operation) : this.#openApiBody(operation, at);
    if (body) model.requestBody = body;
    return model;
  }

  #parameters(pathItem: Raw, operation: Raw, at: Location): RawParameter[] {
    const pathItemAt = { file: at.file, pointer: at.pointer.slice(0, at.pointer.lastIndexOf("/")) };
    const merged = new Map<string, RawParameter>();
    const add = (list: unknown, listAt: Location): void => {
      if (!Array.isArray(list)) return;
      list.forEach((item, index) => {
        const parameter = this.#parameter(item, child(listAt, String(index)));
        if (parameter) merged.set(`${parameter.in}:${parameter.name}`, parameter);
      });
    };
    add(pathItem.parameters, child(pathItemAt, "parameters"));
    add(operation.parameters, child(at, "parameters"));
    return [...merged.values()];
  }

  #parameter(item: unknown, at: Location): RawParameter | undefined {
    const { value, location } = this.#deref(item, at);
    const raw = value as Raw;
    const name = raw.name;
    const location_ = raw.in;
    if (typeof name !== "string" || typeof location_ !== "string") return undefined;
    if (location_ === "header" && IGNORED_HEADERS.has(name.toLowerCase())) return undefined;
    const parameter: RawParameter = {
      name,
      in: location_ as RawParameter["in"],
      required: raw.required === true || location_ === "path",
      ...this.#serialization(raw, location_, location),
      schema: this.#parameterSchema(raw, location),
    };
    if (typeof raw.description === "string") parameter.description = raw.description;
    return parameter;
  }

  #serialization(raw: Raw, location: string, at: Location): { style: ParameterStyle; explode: boolean; json: boolean } {
    if (this.#version === "2.0") return this.#collectionFormat(raw, location, at);
    if (isRecord(raw.content)) return { style: "form", explode: false, json: true };
    const fallback: ParameterStyle = location === "query" || location === "cookie" ? "form" : "simple";
    const style = (typeof raw.style === "string" ? raw.style : fallback) as ParameterStyle;
    const explode = typeof raw.explode === "boolean" ? raw.explode : style === "form";
    return { style, explode, json: false };
  }

  /** Maps Swagger 2.0 `collectionFormat` onto the OpenAPI 3 style and explode pair. */
  #collectionFormat(raw: Raw, location: string, at: Location): { style: ParameterStyle; explode: boolean; json: boolean } {
    const base: ParameterStyle = location === "query" || location === "formData" ? "form" : "simple";
    switch (raw.collectionFormat) {
      case "multi":
        return { style: "form", explode: true, json: false };
      case "ssv":
        return { style: "spaceDelimited", explode: false, json: false };
      case "pipes":
        return { style: "pipeDelimited", explode: false, json: false };
      case "tsv":
        this.warnings.push(`${this.#registry.docs.describe(at)}: collectionFormat "tsv" has no OpenAPI 3 equivalent; the values are sent comma-separated.`);
        return { style: base, explode: false, json: false };
      default:
        return { style: base, explode: false, json: false };
    }
  }

  #parameterSchema(raw: Raw, at: Location): SchemaNode {
    const normalizer = this.#registry.normalizer;
    if (isRecord(raw.schema)) return normalizer.normalize(raw.schema, child(at, "schema"));
    if (isRecord(raw.content)) {
      const [mediaType] = Object.keys(raw.content);
      const media = mediaType === undefined ? undefined : (raw.content[mediaType] as Raw | undefined);
      return normalizer.normalize(media?.schema, child(child(child(at, "content"), mediaType ?? ""), "schema"));
    }
    // Swagger 2.0 non-body parameters carry their schema keywords on the parameter itself.
    const { name: _name, in: _in, required: _required, description: _description, collectionFormat: _format, ...schema } = raw;
    return normalizer.normalize(schema, at);
  }

  #openApiBody(operation: Raw, at: Location): RequestBodyModel | undefined {
    if (operation.requestBody === undefined) return undefined;
    const { value, location } = this.#deref(operation.requestBody, child(at, "requestBody"));
    const body = value as Raw;
    if (!isRecord(body.content)) return undefined;
    const mediaType = chooseRequestMediaType(Object.keys(body.content));
    if (mediaType === undefined) return undefined;
    const media = (body.content[mediaType] ?? {}) as Raw;
    const mediaAt = child(child(location, "content"), mediaType);
    const schema = this.#registry.normalizer.normalize(media.schema, child(mediaAt, "schema"));
    return {
      mediaType,
      kind: requestKind(mediaType),
      required: body.required === true,
      schema,
      jsonFields: jsonEncodedFields(media.encoding),
    };
  }

  #swaggerBody(parameters: RawParameter[], operation: Raw): RequestBodyModel | undefined {
    const consumes = stringList(operation.consumes ?? this.#root.consumes);
    const body = parameters.find((parameter) => parameter.in === "body");
    if (body) {
      const mediaType = consumes.find(isJsonMediaType) ?? consumes[0] ?? "application/json";
      return { mediaType, kind: requestKind(mediaType), required: body.required, schema: body.schema, jsonFields: [] };
    }
    const fields = parameters.filter((parameter) => parameter.in === "formData");
    if (fields.length === 0) return undefined;
    const hasFile = fields.some((field) => field.schema.kind === "string" && field.schema.binary === true);
    const multipart = hasFile || consumes.includes("multipart/form-data");
    const schema: ObjectNode = {
      kind: "object",
      properties: fields.map((field) => ({ name: field.name, required: field.required, schema: field.schema })),
      additional: "unspecified",
    };
    return {
      mediaType: multipart ? "multipart/form-data" : "application/x-www-form-urlencoded",
      kind: multipart ? "multipart" : "form",
      required: fields.some((field) => field.required),
      schema,
      jsonFields: [],
    };
  }

  #responses(operation: Raw, at: Location, method: HttpMethod): ResponseModel[] {
    const responses = isRecord(operation.responses) ? operation.responses : {};
    const responsesAt = child(at, "responses");
    const produces = stringList(operation.produces ?? this.#root.produces);
    return Object.keys(responses)
      .sort(compareStatus)
      .map((status) => {
        const { value, location } = this.#deref(responses[status], child(responsesAt, status));
        const response = value as Raw;
        const model =
          this.#version === "2.0"
            ? this.#swaggerResponse(status, response, location, produces)
            : this.#openApiResponse(status, response, location);
        if (method === "HEAD" || status === "204" || status === "205" || status === "304") {
          return { status, kind: "empty", mediaTypes: [], ...describe(response) };
        }
        return model;
      });
  }

  #openApiResponse(status: string, response: Raw, at: Location): ResponseModel {
    const content = isRecord(response.content) ? response.content : {};
    const mediaTypes = Object.keys(content);
    const json = mediaTypes.filter(isJsonMediaType);
    if (json.length > 0) {
      const withSchema = json.find((mediaType) => isRecord((content[mediaType] as Raw | undefined)?.schema)) ?? json[0]!;
      const schemaAt = child(child(child(at, "content"), withSchema), "schema");
      const schema = this.#registry.normalizer.normalize((content[withSchema] as Raw).schema, schemaAt);
      return { status, kind: "json", mediaTypes: json, schema, ...describe(response) };
    }
    if (mediaTypes.length === 0) return { status, kind: "empty", mediaTypes: [], ...describe(response) };
    const text = mediaTypes.filter((mediaType) => mediaType.startsWith("text/"));
    if (text.length === mediaTypes.length) return { status, kind: "text", mediaTypes, ...describe(response) };
    return { status, kind: "binary", mediaTypes, ...describe(response) };
  }

  #swaggerResponse(status: string, response: Raw, at: Location, produces: string[]): ResponseModel {
    if (!isRecord(response.schema)) return { status, kind: "empty", mediaTypes: [], ...describe(response) };
    const json = produces.length === 0 ? ["application/json"] : produces.filter(isJsonMediaType);
    if (response.schema.type === "file" || json.length === 0) {
      return { status, kind: "binary", mediaTypes: produces, ...describe(response) };
    }
    const schema = this.#registry.normalizer.normalize(response.schema, child(at, "schema"));
    return { status, kind: "json", mediaTypes: json, schema, ...describe(response) };
  }

  /** Follows `$ref`s of parameters, request bodies, responses and path items (not schemas). */
  #deref(value: unknown, at: Location): { value: unknown; location: Location } {
    let current = value;
    let location = at;
    for (let depth = 0; depth < 16 && isRecord(current) && typeof current.$ref === "string"; depth++) {
      const ref = current.$ref;
      const target = this.#registry.docs.locate(ref, location);
      current = this.#registry.docs.get(target, ref, location);
      location = target;
    }
    return { value: isRecord(current) ? current : {}, location };
  }
}

interface RawParameter {
  name: string;
  in: ParameterLocation | "body" | "formData";
  required: boolean;
  style: ParameterStyle;
  explode: boolean;
  json: boolean;
  schema: SchemaNode;
  description?: string;
}

function describe(response: Raw): { description?: string } {
  return typeof response.description === "string" && response.description.length > 0
    ? { description: response.description }
    : {};
}

/** True for `application/json`, `application/problem+json` and similar, parameters ignored. */
export function isJsonMediaType(mediaType: string): boolean {
  const essence = mediaType.split(";")[0]!.trim().toLowerCase();
  return essence === "application/json" || essence.endsWith("+json") || essence === "*/*";
}

function chooseRequestMediaType(mediaTypes: string[]): string | undefined {
  return (
    mediaTypes.find(isJsonMediaType) ??
    mediaTypes.find((type) => type.startsWith("application/x-www-form-urlencoded")) ??
    mediaTypes.find((type) => type.startsWith("multipart/form-data")) ??
    mediaTypes.find((type) => type.startsWith("text/")) ??
    mediaTypes[0]
  );
}

function requestKind(mediaType: string): RequestBodyKind {
  if (isJsonMediaType(mediaType)) return "json";
  if (mediaType.startsWith("application/x-www-form-urlencoded")) return "form";
  if (mediaType.startsWith("multipart/")) return "multipart";
  if (mediaType.startsWith("text/")) return "text";
  return "binary";
}

function jsonEncodedFields(encoding: unknown): string[] {
  if (!isRecord(encoding)) return [];
  return Object.keys(encoding)
    .filter((field) => {
      const contentType = (encoding[field] as Raw | undefined)?.contentType;
      return typeof contentType === "string" && isJsonMediaType(contentType);
    })
    .sort();
}

/** Orders `200` before `2XX` before `404` before `default`. */
function compareStatus(a: string, b: string): number {
  const rank = (status: string): number => {
    if (status === "default") return 1000;
    const code = Number(status.replace(/X/gi, "9"));
    return Number.isNaN(code) ? 999 : code;
  };
  return rank(a) - rank(b) || compareCodeUnits(a, b);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

function isRecord(value: unknown): value is Raw {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Returns the pointer of `paths/<path>/<method>` in the entry document. */
export function operationPointer(pathKey: string, method: string): string {
  return `/paths/${escapePointerToken(pathKey)}/${method}`;
}
