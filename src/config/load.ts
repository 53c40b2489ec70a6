/**
 * `vendorguard.config.yaml`: the list of vendors a repository generates clients for. Paths in it
 * are relative to the folder holding the file.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { type Document, LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { VendorguardError } from "../errors.js";
import { suggestClosest } from "../policy/suggest.js";
import { type Floor, floorSchema } from "./floor.js";
import { type ScanConfig, scanConfigSchema, scanSuppressionSchema } from "./scan.js";

export const CONFIG_FILE_NAME = "vendorguard.config.yaml";

const vendorEntrySchema = z.strictObject({
  name: z.string().min(1).describe("Short name of the vendor, used in messages."),
  spec: z.string().min(1).describe("Path of the vendor's OpenAPI document."),
  policy: z.string().min(1).describe("Path of the vendor's policy file."),
  out: z.string().min(1).describe("Folder the generated client is written to."),
  sha256: z
    .string({
      error: 'expected 64 hex digits as text. Quote them (sha256: "...") if YAML reads them as a number.',
    })
    .regex(/^[0-9a-f]{64}$/, "expected 64 lower-case hex digits, as in the generated files' header")
    .optional()
    .describe(
      "sha256 of the reviewed document, as the generated files' header shows it. check fails when the document's digest differs.",
    ),
});

const configSchema = z.strictObject({
  vendors: z.array(vendorEntrySchema).min(1).describe("Vendors to generate clients for."),
  floor: floorSchema.optional(),
  scan: scanConfigSchema.optional(),
});

/** Line and column of the value at `keyPath`, or of its nearest parent that exists (for a missing key). */
function nearestPosition(document: Document, lineCounter: LineCounter, keyPath: Array<string | number>): { line: number; col: number } | undefined {
  for (let length = keyPath.length; length >= 0; length--) {
    const node = document.getIn(keyPath.slice(0, length), true) as { range?: [number, number] } | undefined;
    if (node?.range) return lineCounter.linePos(node.range[0]);
  }
  return undefined;
}

/** Words a person can act on for the zod issues a config file can raise. */
function describeConfigIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return `is missing. Add it (expected ${issue.expected}).`;
  }
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedKeys(issue.path);
    return issue.keys
      .map((key) => {
        const closest = allowed.length > 0 ? suggestClosest(key, allowed) : undefined;
        const hint = closest ? ` Did you mean "${closest}"?` : "";
        const list = allowed.length > 0 ? ` Allowed keys: ${allowed.join(", ")}.` : "";
        return `unknown key "${key}".${hint}${list}`;
      })
      .join(" ");
  }
  return issue.message;
}

/** Returns the keys allowed in the mapping at `keyPath`, for suggestions; empty where none are known. */
function allowedKeys(keyPath: readonly PropertyKey[]): string[] {
  if (keyPath.length === 0) return Object.keys(configSchema.shape);
  if (keyPath[0] === "vendors") return Object.keys(vendorEntrySchema.shape);
  if (keyPath[0] !== "scan") return [];
  if (keyPath.length === 1) return Object.keys(scanConfigSchema.shape);
  return keyPath[1] === "suppressions" ? Object.keys(scanSuppressionSchema.shape) : [];
}

export interface VendorEntry {
  name: string;
  /** Absolute paths. */
  spec: string;
  policy: string;
  out: string;
  /** sha256 of the reviewed document, when the config records one. */
  sha256?: string;
}

export interface LoadedConfig {
  file: string;
  vendors: VendorEntry[];
  /** Weakest controls a policy may set; absent when the config sets no floor. */
  floor?: Floor;
  /** Settings of `vendorguard scan`; absent when the config has no `scan:` block. */
  scan?: ScanConfig;
}

/** Reads and validates the config file; every problem is reported with its line. */
export async function loadConfig(file: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new VendorguardError(
        "config_not_found",
        `${file} was not found. Run vendorguard in the folder holding ${CONFIG_FILE_NAME}, or pass --spec, --policy and --out.`,
      );
    }
    throw new VendorguardError("file_unreadable", `${file} cannot be read: ${(error as Error).message}`);
  }
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  const syntax = document.errors[0];
  if (syntax) {
    const at = lineCounter.linePos(syntax.pos[0]);
    throw new VendorguardError("invalid_config", `${file}:${at.line}:${at.col}: invalid YAML (${syntax.message.split("\n")[0]}).`);
  }
  // reportInput keeps the received value on each issue, so a wrong type is not read as a missing key.
  const parsed = configSchema.safeParse(document.toJS({ maxAliasCount: 100 }), { reportInput: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const at = nearestPosition(document, lineCounter, issue.path as Array<string | number>);
      const where = at ? `${file}:${at.line}:${at.col}` : file;
      const key = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
      return `  ${where} ${key}: ${describeConfigIssue(issue)}`;
    });
    const vendorHint = parsed.error.issues.some((issue) => issue.path[0] === "vendors" || issue.path.length === 0)
      ? ["Each vendor needs name, spec, policy and out."]
      : [];
    throw new VendorguardError("invalid_config", [`Invalid ${file}:`, ...problems, ...vendorHint].join("\n"));
  }
  const base = path.dirname(path.resolve(file));
  return {
    file,
    vendors: parsed.data.vendors.map((vendor) => ({
      name: vendor.name,
      spec: path.resolve(base, vendor.spec),
      policy: path.resolve(base, vendor.policy),
      out: path.resolve(base, vendor.out),
      ...(vendor.sha256 === undefined ? {} : { sha256: vendor.sha256 }),
    })),
    ...(parsed.data.floor === undefined ? {} : { floor: parsed.data.floor }),
    ...(parsed.data.scan === undefined
      ? {}
      : { scan: locateScanConfig(parsed.data.scan, file, (keyPath) => nearestPosition(document, lineCounter, keyPath)) }),
  };
}

/** Adds to each suppression the config line it starts on, for notices about it. */
function locateScanConfig(
  scan: z.output<typeof scanConfigSchema>,
  file: string,
  positionOf: (keyPath: Array<string | number>) => { line: number; col: number } | undefined,
): ScanConfig {
  const suppressions = (scan.suppressions ?? []).map((entry, index) => {
    const at = positionOf(["scan", "suppressions", index]) ?? { line: 1, col: 1 };
    return { ...entry, source: { file, line: at.line, column: at.col } };
  });
  return {
    ...(scan.include === undefined ? {} : { include: scan.include }),
    ...(scan.exclude === undefined ? {} : { exclude: scan.exclude }),
    ...(scan.testFiles === undefined ? {} : { testFiles: scan.testFiles }),
    suppressions,
  };
}
