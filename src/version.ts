/** vendorguard's own version, read from package.json so it cannot drift from the published one. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const packageFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../package.json");

export const VENDORGUARD_VERSION: string = (JSON.parse(readFileSync(packageFile, "utf8")) as { version: string }).version;

/** Root of the installed vendorguard package (the folder holding package.json). */
export const PACKAGE_ROOT = path.dirname(packageFile);
