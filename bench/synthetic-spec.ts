/**
 * A synthetic OpenAPI 3.0 document with `count` component schemas and `count` operations, for the
 * scaling curve: each resource has scalar, enum, array, nested object and `$ref` properties, so
 * cost per schema stays the same as `count` grows.
 */
export function syntheticSpec(count: number): object {
  const schemas: Record<string, object> = {};
  const paths: Record<string, object> = {};
  for (let i = 0; i < count; i++) {
    const name = `Resource${i}`;
    schemas[name] = {
      type: "object",
      required: ["id", "name", "status"],
      properties: {
        id: { type: "string", format: "uuid" },
        name: { type: "string", maxLength: 200 },
        status: { type: "string", enum: ["active", "disabled", "pending"] },
        count: { type: "integer", minimum: 0 },
        score: { type: "number", nullable: true },
        tags: { type: "array", items: { type: "string" } },
        created: { type: "string", format: "date-time" },
        owner: { type: "object", properties: { id: { type: "string" }, role: { type: "string" } } },
        ...(i > 0 ? { parent: { $ref: `#/components/schemas/Resource${i - 1}` } } : {}),
      },
    };
    paths[`/resources${i}/{id}`] = {
      get: {
        operationId: `getResource${i}`,
        parameters: [
          { name: "id", in: "path", required: true, schema: { type: "string" } },
          { name: "expand", in: "query", schema: { type: "array", items: { type: "string" } } },
        ],
        responses: {
          "200": { description: "ok", content: { "application/json": { schema: { $ref: `#/components/schemas/${name}` } } } },
          "404": { description: "missing", content: { "application/json": { schema: { type: "object", properties: { message: { type: "string" } } } } } },
        },
      },
    };
  }
  return { openapi: "3.0.3", info: { title: "Synthetic", version: String(count) }, paths, components: { schemas } };
}
