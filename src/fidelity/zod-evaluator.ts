/**
 * Building the zod schemas of a model at run time from the code `emitZod` writes, so the
 * differential check tests exactly what generated clients contain without compiling a client.
 * Named schemas are compiled on first use, which keeps documents with thousands of them fast.
 */
import { z } from "zod";
import { stringLiteral } from "../emit/escape.js";
import { emitZod, type ZodContext } from "../emit/zod-schema.js";
import type { ApiModel, SchemaNode } from "../model/types.js";
import * as helpers from "../runtime/schema-helpers.js";

/**
 * Written where emitted code names a TypeScript type. Types appear only as the type argument of
 * `discriminatedUnion<...>(`, which is removed before the code runs as JavaScript.
 */
const TYPE_PLACEHOLDER = "__vgType__";

/** Function that returns the zod schema of a named schema by its model key. */
type SchemaLookup = (key: string) => z.ZodType;

export class ZodEvaluator {
  readonly #nodes: Map<string, SchemaNode>;
  readonly #context: ZodContext;
  readonly #compiled = new Map<string, z.ZodType>();
  readonly #helperNames: string[];
  readonly #helperValues: unknown[];

  constructor(model: ApiModel, unknownKeys: "strict" | "strip") {
    this.#nodes = new Map(model.schemas.map((schema) => [schema.key, schema.node]));
    this.#context = {
      unknownKeys,
      schemaName: (target) => `$schema(${stringLiteral(target)})`,
      typeName: () => TYPE_PLACEHOLDER,
    };
    const entries = Object.entries(helpers).filter(([, value]) => typeof value === "function");
    this.#helperNames = entries.map(([name]) => name);
    this.#helperValues = entries.map(([, value]) => value);
  }

  /** Adds a schema that is not a named schema, such as an inline response body, under `key`. */
  addSchema(key: string, node: SchemaNode): void {
    if (this.#nodes.has(key)) throw new Error(`internal error: schema key ${key} is taken`);
    this.#nodes.set(key, node);
  }

  /** Returns the zod expression of a schema, as schemas.ts would contain it. */
  expressionOf(key: string): string {
    const node = this.#nodes.get(key);
    if (!node) throw new Error(`internal error: no schema ${key}`);
    return emitZod(node, this.#context).replaceAll(
      `discriminatedUnion<${TYPE_PLACEHOLDER}>(`,
      "discriminatedUnion(",
    );
  }

  /** Returns the zod schema of a schema, compiled on first use. */
  schemaOf(key: string): z.ZodType {
    let schema = this.#compiled.get(key);
    if (!schema) {
      const build = new Function(
        "z",
        ...this.#helperNames,
        "$schema",
        `return (${this.expressionOf(key)});`,
      );
      const lookup: SchemaLookup = (target) => this.schemaOf(target);
      schema = build(z, ...this.#helperValues, lookup) as z.ZodType;
      this.#compiled.set(key, schema);
    }
    return schema;
  }
}
