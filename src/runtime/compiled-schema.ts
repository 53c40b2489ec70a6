/**
 * Compiled copies of the response schemas. In zod 4.6.7, the version this repository pins,
 * `z.compile` returns a copy of a schema whose safeParse runs generated code for valid input and
 * falls back to zod's ordinary parser for invalid input, so the issues are the same. On Node.js 20
 * that cut validating the 1 KB body of bench/runtime-overhead.ts from about 4.3 µs to 0.9 µs.
 */
import { z, type ZodType } from "zod";

type Compile = (schema: ZodType) => ZodType;

// Generated schemas are constants, so each is compiled once.
const compiledSchemas = new WeakMap<ZodType, ZodType>();

/**
 * Returns the compiled copy of `schema`, or `schema` itself when the installed zod has no
 * `z.compile` or code generation is turned off with `z.config({ jitless: true })`, as content
 * security policies require. That setting is read when a schema is first used. zod hands back a
 * schema it cannot compile unchanged.
 */
export function compiledSchema(schema: ZodType): ZodType {
  let compiled = compiledSchemas.get(schema);
  if (compiled === undefined) {
    // Read through a cast, because the types of zod releases without it have no `compile`.
    const compile = (z as unknown as { compile?: Compile }).compile;
    compiled = compile !== undefined && z.config().jitless !== true ? compile(schema) : schema;
    compiledSchemas.set(schema, compiled);
  }
  return compiled;
}
