/**
 * `schemas.ts`: one zod schema per named schema and per inline response body, each annotated
 * with its declared type, so the rest of the client sees `z.ZodType<T>` whatever the zod
 * expression's own type is.
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

export function emitSchemasFile(model: ApiModel, unknownKeys: "strict" | "strip", typing: SchemaTyping = "unchecked"): string {
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
    ...(typing === "unchecked" ? UNCHECKED_PRAGMA : []),
    'import { z } from "zod";',
    ...(helpers.length > 0 ? [`import { ${helpers.join(", ")} } from "./runtime/schema-helpers.js";`] : []),
    'import type * as T from "./types.js";',
    "",
  ];
  return `${imports.join("\n")}\n${body}`;
}

/**
 * How each schema constant is tied to its declared type.
 *
 * - `unchecked` (what `generate` writes) annotates each constant and turns type-checking of the
 *   file off with `@ts-nocheck`. tsc then reads only the annotations. On GitHub's document,
 *   checking the zod expressions took about two thirds of the client's type-checking time.
 * - `checked` is the same file with checking on, so tsc proves every schema's output matches its
 *   declared type. The test suite compiles real documents and the bug cases in this form.
 * - `asserted` casts each expression instead (`as unknown as z.ZodType<T>`), so tsc checks the
 *   zod calls without relating them to the declared types. The annotated form of the largest
 *   documents needs several GiB of memory; the tests compile those in this form.
 */
export type SchemaTyping = "unchecked" | "checked" | "asserted";

const UNCHECKED_PRAGMA = [
  "// @ts-nocheck: tsc reads only the annotated type of each schema here, because checking every zod",
  "// expression would take most of the client's type-checking time. vendorguard's own tests compile",
  "// files like this one with checking on, where tsc proves each schema matches its declared type.",
];

function declareSchema(name: string, type: string, expression: string, typing: SchemaTyping): string {
  if (typing === "asserted") return `export const ${name} = (${expression}) as unknown as z.ZodType<${type}>;`;
  return `export const ${name}: z.ZodType<${type}> = ${expression};`;
}

/** Paths come from the document; this keeps them printable in a one-line JSDoc. */
export function sanitizePath(path: string): string {
  return commentText(path).replace(/\n/g, " ");
}
