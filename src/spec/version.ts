/** Telling Swagger 2.0, OpenAPI 3.0 and OpenAPI 3.1 documents apart. */
import { VendorguardError } from "../errors.js";

export type SpecVersion = "2.0" | "3.0" | "3.1";

/** Reads the document's version field, rejecting anything vendorguard does not support. */
export function detectSpecVersion(document: unknown, file: string): SpecVersion {
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    throw new VendorguardError("not_openapi", `${file} is not an OpenAPI document: its top level must be an object.`);
  }
  const record = document as Record<string, unknown>;
  if (record.swagger !== undefined) {
    if (String(record.swagger) === "2.0") return "2.0";
    throw unsupported(file, `swagger: ${JSON.stringify(record.swagger)}`);
  }
  if (typeof record.openapi === "string") {
    if (/^3\.0\.\d+$/.test(record.openapi)) return "3.0";
    if (/^3\.1\.\d+$/.test(record.openapi)) return "3.1";
    throw unsupported(file, `openapi: ${JSON.stringify(record.openapi)}`);
  }
  throw new VendorguardError(
    "not_openapi",
    `${file} is not an OpenAPI document: it has neither an "openapi" nor a "swagger" key at the top level.`,
  );
}

function unsupported(file: string, found: string): VendorguardError {
  return new VendorguardError(
    "unsupported_version",
    `${file}#/ declares ${found}; vendorguard reads Swagger 2.0 and OpenAPI 3.0.x and 3.1.x. Convert the document to one of those.`,
  );
}
