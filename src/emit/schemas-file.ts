/**
 * `schemas.ts`: one zod schema per named schema and per inline response body, each annotated
 * with its declared type so the type-checker never infers a large zod type.
 */
import type { ApiModel, NamedSchema, OperationModel, ResponseModel } from "../model/types.js";
import { commentText, docComment } from "./escape.js";
import { emitZod, SCHEMA_HELPERS, type ZodContext } from "./zod-schema.js";

/** Name of the zod schema of a response body that is not a plain `$ref`. */
export function responseSchemaName(operation: OperationModel, response: ResponseModel): string {
  return `${operation.typeName}Response${statusSuffix(response.status)}Schema`;
}

/** Name of the TypeScript type of a response body that is not a plain `$ref`. */
export function responseTypeName(operation: OperationModel, response: ResponseModel): string {
  return `${operation.typeName}Response${statusSuffix(response.status)}`;
}

function statusSuffix(status: string): string {
  return status === "default" ? "Default" : status.toUpperCase();
}

/** Returns the zod schema expression a response's `OperationSpec` entry refers to, if any. */
export function responseSchemaReference(model: ApiModel, operation: OperationModel, response: ResponseModel): string | undefined {
  if (!response.schema) return undefined;
  if (response.schema.kind === "ref") return `schemas.${schemaConstName(model, response.schema.target)}`;
  return `schemas.${responseSchemaName(operation, response)}`;
}

export function schemaConstName(model: ApiModel, target: string): string {
  return `${namedSchema(model, target).typeName}Schema`;
}

export function namedSchema(model: ApiModel, target: string): NamedSchema {
  const schema = schemaIndex(model).get(target);
  if (!schema) throw new Error(`internal error: no named schema ${target}`);
  return schema;
}

const indexes = new WeakMap<ApiModel, Map<string, NamedSchema>>();

function schemaIndex(model: ApiModel): Map<string, NamedSchema> {
  let index = indexes.get(model);
  if (!index) {
    index = new Map(model.schemas.map((schema) => [schema.key, schema]));
    indexes.set(model, index);
  }
  return index;
}

export function emitSchemasFile(model: ApiModel, unknownKeys: "strict" | "strip", typing: SchemaTyping = "asserted"): string {
  const context: ZodContext = {
    unknownKeys,
    schemaName: (target) => schemaConstName(model, target),
    typeName: (target) => `T.${namedSchema(model, target).typeName}`,
  };
  const parts: string[] = [];
  for (const schema of model.schemas) {
    parts.push(
      `${docComment(schema.pointer)}${declareSchema(`${schema.typeName}Schema`, `T.${schema.typeName}`, emitZod(schema.node, context), typing)}`,
      "",
    );
  }
  for (const operation of model.operations) {
    for (const response of operation.responses) {
      if (!response.schema || response.schema.kind === "ref") continue;
      const name = responseSchemaName(operation, response);
      parts.push(
        `/** ${operation.method} ${sanitizePath(operation.path)}, status ${response.status}. */\n${declareSchema(name, `T.${responseTypeName(operation, response)}`, emitZod(response.schema, context), typing)}`,
        "",
      );
    }
  }
  const body = parts.join("\n");
  const uses = (name: string) => new RegExp(`\\b${name}\\b`).test(body);
  const helpers = SCHEMA_HELPERS.filter(uses);
  const imports = [
    'import { z } from "zod";',
    ...(helpers.length > 0 ? [`import { ${helpers.join(", ")} } from "./runtime/schema-helpers.js";`] : []),
    'import type * as T from "./types.js";',
    "",
  ];
  return `${imports.join("\n")}\n${body}`;
}

/**
 * How each schema constant is tied to its declared type. `asserted` casts it, so tsc never infers
 * the zod expression's output type: on GitHub's document the checked form needs about 3 GiB and
 * a minute of type-checking, the asserted form about 0.6 GiB. `checked` annotates it, so tsc
 * proves the schema's output matches the declared type; the test suite compiles real documents
 * in that form to show the two emitters agree.
 */
export type SchemaTyping = "asserted" | "checked";

function declareSchema(name: string, type: string, expression: string, typing: SchemaTyping): string {
  if (typing === "checked") return `export const ${name}: z.ZodType<${type}> = ${expression};`;
  return `export const ${name} = (${expression}) as unknown as z.ZodType<${type}>;`;
}

/** Paths come from the document; this keeps them printable in a one-line JSDoc. */
export function sanitizePath(path: string): string {
  return commentText(path).replace(/\n/g, " ");
}
