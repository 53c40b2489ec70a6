#!/usr/bin/env node
/**
 * The vendorguard command line. This layer alone writes to the terminal and chooses exit codes:
 * 0 success, 1 a check or scan found a problem, 2 a usage or input error, 3 an internal error.
 */
import { Command, CommanderError } from "commander";
import { isVendorguardError } from "../errors.js";
import { isPolicyError } from "../policy/errors.js";
import { VENDORGUARD_VERSION } from "../version.js";
import { registerCheck } from "./check.js";
import { registerDiff } from "./diff.js";
import { registerEvidence } from "./evidence.js";
import { registerGenerate } from "./generate.js";
import { registerInit } from "./init.js";
import { registerInventory } from "./inventory.js";
import { registerScan } from "./scan.js";
import { registerPolicySchema } from "./schema.js";

export const EXIT_USAGE = 2;
export const EXIT_INTERNAL = 3;

async function main(argv: string[]): Promise<number> {
  const program = new Command()
    .name("vendorguard")
    .description("Generate hardened, zod-validated TypeScript clients for third-party APIs.")
    .version(VENDORGUARD_VERSION)
    .option("--debug", "print stack traces of errors")
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
  registerGenerate(program);
  registerCheck(program);
  registerDiff(program);
  registerInit(program);
  registerInventory(program);
  registerEvidence(program);
  registerScan(program);
  registerPolicySchema(program);
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    return reportError(error, program.opts<{ debug?: boolean }>().debug === true);
  }
}

function reportError(error: unknown, debug: boolean): number {
  if (error instanceof CommanderError) {
    // commander has printed its message already; help and version exit with code 0.
    return error.exitCode === 0 ? 0 : EXIT_USAGE;
  }
  if (isPolicyError(error)) {
    process.stderr.write(`vendorguard: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (isVendorguardError(error)) {
    process.stderr.write(`vendorguard: ${error.message}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`vendorguard: internal error, which is a bug in vendorguard. Please report it with this output.\n${stack}\n`);
  return EXIT_INTERNAL;
}

process.exitCode = await main(process.argv);
