/** `vendorguard generate`: one vendor from flags, or every vendor in the config file. */
import path from "node:path";
import type { Command } from "commander";
import { CONFIG_FILE_NAME, loadConfig } from "../config/load.js";
import { VendorguardError } from "../errors.js";
import { generateClient, type GenerateResult } from "../generate.js";
import { parseByteCount, parseHostList } from "./option-parsers.js";

interface GenerateFlags {
  spec?: string;
  policy?: string;
  out?: string;
  config?: string;
  force?: boolean;
  silent?: boolean;
  maxDocumentBytes?: number;
  allowRemoteRefs?: string[];
}

export function registerGenerate(program: Command): void {
  program
    .command("generate")
    .description(
      `Generate a client from --spec, --policy and --out, or, with none of them, every vendor listed in ${CONFIG_FILE_NAME}.`,
    )
    .option("--spec <file>", "the vendor's OpenAPI document (JSON or YAML; Swagger 2.0, OpenAPI 3.0 or 3.1)")
    .option("--policy <file>", "the vendor's policy file (YAML or JSON)")
    .option("--out <dir>", "folder the client is written to; it is replaced as a whole")
    .option("--config <file>", "config file listing vendors", CONFIG_FILE_NAME)
    .option("--force", "replace an output folder even if it holds files vendorguard did not write")
    .option("--max-document-bytes <bytes>", "largest document file accepted, in bytes (default 64 MiB)", parseByteCount)
    .option(
      "--allow-remote-refs <hosts>",
      "comma-separated hosts (host or host:port) whose https documents $refs may fetch; by default none is fetched",
      parseHostList,
    )
    .option("--silent", "print nothing on success")
    .action(async (flags: GenerateFlags) => {
      const results = await runGenerate(flags);
      if (!flags.silent) for (const result of results) process.stdout.write(`${summaryLine(result)}\n`);
    });
}

async function runGenerate(flags: GenerateFlags): Promise<Array<GenerateResult & { name: string }>> {
  const direct = [flags.spec, flags.policy, flags.out];
  const extra = {
    force: flags.force ?? false,
    ...(flags.maxDocumentBytes ? { maxDocumentBytes: flags.maxDocumentBytes } : {}),
    ...(flags.allowRemoteRefs ? { allowRemoteRefHosts: flags.allowRemoteRefs } : {}),
  };
  if (direct.some((value) => value !== undefined)) {
    const missing = ["--spec", "--policy", "--out"].filter((_, index) => direct[index] === undefined);
    if (missing.length > 0) {
      throw new VendorguardError(
        "usage",
        `${missing.join(" and ")} ${missing.length === 1 ? "is" : "are"} missing: --spec, --policy and --out go together. Pass all three, or none to use the config file.`,
      );
    }
    const result = await generateClient({ specPath: flags.spec!, policyPath: flags.policy!, outDir: flags.out!, ...extra });
    warn(result);
    return [{ ...result, name: result.vendorName }];
  }
  const config = await loadConfig(flags.config ?? CONFIG_FILE_NAME);
  rejectSharedOutputs(config.vendors);
  const results: Array<GenerateResult & { name: string }> = [];
  for (const vendor of config.vendors) {
    const result = await generateClient({ specPath: path.relative(process.cwd(), vendor.spec), policyPath: path.relative(process.cwd(), vendor.policy), outDir: vendor.out, ...extra });
    warn(result);
    results.push({ ...result, name: vendor.name });
  }
  return results;
}

/** Two vendors writing to one folder would replace each other's client without a word. */
function rejectSharedOutputs(vendors: Array<{ name: string; out: string }>): void {
  const byOut = new Map<string, string>();
  for (const vendor of vendors) {
    const earlier = byOut.get(vendor.out);
    if (earlier !== undefined) {
      throw new VendorguardError(
        "invalid_config",
        `Vendors ${JSON.stringify(earlier)} and ${JSON.stringify(vendor.name)} both write to ${vendor.out}. Give each vendor its own out folder.`,
      );
    }
    byOut.set(vendor.out, vendor.name);
  }
}

function warn(result: GenerateResult): void {
  for (const warning of result.model.warnings) process.stderr.write(`vendorguard: warning: ${warning}\n`);
}

function summaryLine(result: GenerateResult & { name: string }): string {
  const out = path.relative(process.cwd(), result.outDir) || ".";
  const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;
  return `${result.name}: ${count(result.model.operations.length, "operation")}, ${count(result.model.schemas.length, "schema")}, ${count(result.files.length, "file")} written to ${out} in ${Math.round(result.durationMs)} ms`;
}


