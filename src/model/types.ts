/**
 * The intermediate model: what the emitters see of a vendor's document. It is the same for
 * Swagger 2.0, OpenAPI 3.0 and 3.1, so the dialect differences end in `src/model/`.
 */
import type { HttpMethod } from "../runtime/config.js";
import type {
  ParameterLocation,
  ParameterStyle,
  RequestBodyKind,
  ResponseKind,
} from "../runtime/operation.js";

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Facts every schema node may carry besides its kind. */
export interface SchemaMeta {
  description?: string;
  /** Set on a property's schema: sent by the server only. */
  readOnly?: boolean;
  /** Set on a property's schema: sent by the client only. */
  writeOnly?: boolean;
  deprecated?: boolean;
  /** A schema the value must not match (JSON Schema `not`). */
  not?: SchemaNode;
}

export interface RefNode extends SchemaMeta {
  kind: "ref";
  /** Key of the named schema in `ApiModel.schemas`. */
  target: string;
}

export interface AnyNode extends SchemaMeta {
  kind: "any";
}

export interface NeverNode extends SchemaMeta {
  kind: "never";
}

export interface StringNode extends SchemaMeta {
  kind: "string";
  format?: string;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /** True for `format: binary` in a request body or a Swagger 2.0 `type: file`: a Blob is sent. */
  binary?: boolean;
}

export interface NumberNode extends SchemaMeta {
  kind: "number";
  integer: boolean;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
}

export interface BooleanNode extends SchemaMeta {
  kind: "boolean";
}

export interface NullNode extends SchemaMeta {
  kind: "null";
}

export interface ArrayNode extends SchemaMeta {
  kind: "array";
  /** Items after `prefixItems`, or every item when there are none. */
  items: SchemaNode;
  /**
   * Schemas of the first items, position by position (draft-04 `items` written as a list, or
   * 2020-12 `prefixItems`). An array may be shorter than the list.
   */
  prefixItems?: SchemaNode[];
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
}

export interface PropertyNode {
  /** Key on the wire, exactly as written in the document. */
  name: string;
  required: boolean;
  schema: SchemaNode;
}

export interface ObjectNode extends SchemaMeta {
  kind: "object";
  properties: PropertyNode[];
  /**
   * Keys not listed in `properties`: `unspecified` when the document has no
   * `additionalProperties` (the policy's unknownKeys decides), `allowed` for `true`, `closed` for
   * `false`, or the schema each extra value must satisfy.
   */
  additional: "unspecified" | "allowed" | "closed" | SchemaNode;
  /**
   * Schemas for keys matching a regular expression (`patternProperties`), declared keys included.
   * A key that matches a pattern is not subject to `additional`.
   */
  patternProperties?: Array<{ pattern: string; schema: SchemaNode }>;
  /** Schema every key must satisfy as a string (`propertyNames`). */
  propertyNames?: SchemaNode;
  minProperties?: number;
  maxProperties?: number;
}

export interface EnumNode extends SchemaMeta {
  kind: "enum";
  values: JsonValue[];
}

export interface ConstNode extends SchemaMeta {
  kind: "const";
  value: JsonValue;
}

export interface UnionNode extends SchemaMeta {
  kind: "union";
  variants: SchemaNode[];
  /** `oneOf` (exactly one) rather than `anyOf`. */
  exclusive: boolean;
  discriminator?: Discriminator;
  /**
   * Keys that other parts of the composition around the union declare: `properties` beside
   * `oneOf`/`anyOf`, or other `allOf` parts. In strict mode a variant may carry them as well as
   * its own keys.
   */
  besideKeys?: string[];
}

export interface Discriminator {
  /** Property whose value selects the variant. */
  property: string;
  /** Value of the property and the named schema it selects, sorted by value. */
  mapping: Array<{ value: string; target: string }>;
}

export interface IntersectionNode extends SchemaMeta {
  kind: "intersection";
  parts: SchemaNode[];
}

export interface NullableNode extends SchemaMeta {
  kind: "nullable";
  inner: SchemaNode;
}

export type SchemaNode =
  | RefNode
  | AnyNode
  | NeverNode
  | StringNode
  | NumberNode
  | BooleanNode
  | NullNode
  | ArrayNode
  | ObjectNode
  | EnumNode
  | ConstNode
  | UnionNode
  | IntersectionNode
  | NullableNode;

/** A schema the document names (a component schema) or one reached by a `$ref` elsewhere. */
export interface NamedSchema {
  /** Stable key: the component name, or the JSON pointer for other `$ref` targets. */
  key: string;
  /** TypeScript identifier of its type; the zod schema is this plus `Schema`. */
  typeName: string;
  /** Location in the document, e.g. `#/components/schemas/Pet`, for messages and comments. */
  pointer: string;
  node: SchemaNode;
  /**
   * True when the schema, or one it reaches, has readOnly or writeOnly properties, so requests
   * need a type of their own, named `inputTypeName`.
   */
  hasInputVariant: boolean;
  /** Name of the request-side type; equals `typeName` when there is no input variant. */
  inputTypeName: string;
}

export interface ParameterModel {
  name: string;
  in: ParameterLocation;
  required: boolean;
  style: ParameterStyle;
  explode: boolean;
  json: boolean;
  schema: SchemaNode;
  description?: string;
}

export interface RequestBodyModel {
  mediaType: string;
  kind: RequestBodyKind;
  required: boolean;
  schema: SchemaNode;
  jsonFields: string[];
}

export interface ResponseModel {
  /** `200`, `2XX` or `default`. */
  status: string;
  kind: ResponseKind;
  mediaTypes: string[];
  /** Validated body; absent for `empty`, `text` and `binary`. */
  schema?: SchemaNode;
  description?: string;
}

export interface OperationModel {
  /** operationId as written, or `METHOD /path` when the document has none. */
  operationId: string;
  /** Method name on the client class; unique and a valid identifier. */
  methodName: string;
  /** PascalCase base for the operation's type names. */
  typeName: string;
  method: HttpMethod;
  path: string;
  /** JSON pointer of the operation object, for messages. */
  pointer: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  parameters: ParameterModel[];
  requestBody?: RequestBodyModel;
  responses: ResponseModel[];
  auth: boolean;
}

export interface ApiModel {
  title: string;
  version: string;
  specVersion: "2.0" | "3.0" | "3.1";
  /** Named schemas sorted by key. */
  schemas: NamedSchema[];
  /** Operations sorted by path, then method. */
  operations: OperationModel[];
  /** Notes for the user about choices made, e.g. renamed duplicate operationIds. */
  warnings: string[];
}
