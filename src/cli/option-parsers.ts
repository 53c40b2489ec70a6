/** Parsers of command-line option values; each rejects bad input as a usage error (exit 2). */
import type { Command } from "commander";
import type { DocumentReadOptions } from "../ci/document-options.js";
import { VendorguardError } from "../errors.js";

/** Parses `--max-document-bytes`: a positive whole number of bytes. */
export function parseByteCount(value: string): number {
  const bytes = Number(value);
  if (!Number.isInteger(bytes) || bytes <= 0) {
    throw new VendorguardError(
      "usage",
      `--max-document-bytes must be a positive whole number of bytes, got ${JSON.stringify(value)}.`,
    );
  }
  return bytes;
}

/** Parses a count that may be zero, such as `--max-diff-lines`. */
export function parseCount(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(count)) {
    throw new VendorguardError(
      "usage",
      `expected a whole number of 0 or more, got ${JSON.stringify(value)}.`,
    );
  }
  return count;
}

/** Parses `--allow-remote-refs`: host names or host:port pairs separated by commas. */
export function parseHostList(value: string): string[] {
  const hosts = value
    .split(",")
    .map((host) => host.trim())
    .filter((host) => host.length > 0);
  const isHost = (host: string) =>
    /^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host) || /^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host);
  const invalid = hosts.find((host) => !isHost(host));
  if (hosts.length === 0 || invalid !== undefined) {
    throw new VendorguardError(
      "usage",
      `--allow-remote-refs takes host names or host:port pairs separated by commas, got ${JSON.stringify(invalid ?? value)}.`,
    );
  }
  return hosts;
}

/** Flags of the commands that read vendor documents. */
export interface DocumentFlags {
  maxDocumentBytes?: number;
  allowRemoteRefs?: string[];
}

/** Returns the document read options the flags set, leaving out those not given. */
export function documentReadOptions(flags: DocumentFlags): DocumentReadOptions {
  return {
    ...(flags.maxDocumentBytes === undefined ? {} : { maxDocumentBytes: flags.maxDocumentBytes }),
    ...(flags.allowRemoteRefs === undefined ? {} : { allowRemoteRefHosts: flags.allowRemoteRefs }),
  };
}

/** Adds `--max-document-bytes` and `--allow-remote-refs` to a command. */
export function addDocumentOptions(command: Command): Command {
  return command
    .option(
      "--max-document-bytes <bytes>",
      "largest document file accepted, in bytes (default 64 MiB)",
      parseByteCount,
    )
    .option(
      "--allow-remote-refs <hosts>",
      "comma-separated hosts (host or host:port) whose https documents $refs may fetch; by default none is fetched",
      parseHostList,
    );
}
