/**
 * Scanning one file by its kind: code is parsed and checked for outbound calls and TLS settings,
 * `.env` files and package.json scripts for NODE_TLS_REJECT_UNAUTHORIZED, and every file for
 * secrets. Suppression comments are collected here and applied once all files are scanned.
 */
import path from "node:path";
import type { ScanTarget } from "./collect.js";
import { findEnvFileSettings, findPackageScriptSettings } from "./env-rules.js";
import { checkCall } from "./host-rules.js";
import { findOutboundCalls } from "./http-calls.js";
import {
  codeSuppressions,
  type FileSuppressions,
  hashCommentSuppressions,
  type InlineSuppression,
} from "./inline-suppressions.js";
import { parseCode, positionOf } from "./parse.js";
import { SCAN_NOTICES } from "./rules.js";
import { findSecrets } from "./secrets.js";
import { findTlsSettings } from "./tls-rules.js";
import type { GeneratedClientUse, ScanFinding, ScanNotice } from "./types.js";
import type { VendorHosts } from "./vendor-hosts.js";

/** The results of scanning one file, before suppressions are applied. */
export interface FileScan {
  findings: ScanFinding[];
  notices: ScanNotice[];
  suppressions: InlineSuppression[];
  generatedClientUses: GeneratedClientUse[];
}

const HASH_COMMENT_EXTENSIONS: ReadonlySet<string> = new Set([".yaml", ".yml"]);

/** Scans the text of `target`. */
export async function scanFile(
  target: ScanTarget,
  text: string,
  root: string,
  vendors: VendorHosts,
): Promise<FileScan> {
  const scan: FileScan = { findings: [], notices: [], suppressions: [], generatedClientUses: [] };
  if (target.kind === "code") {
    scanCode(target, text, root, vendors, scan);
  } else if (target.kind === "env") {
    scan.findings.push(...findEnvFileSettings(text, target.file));
    addSuppressions(scan, hashCommentSuppressions(text, target.file));
  } else if (target.kind === "package-json") {
    scan.findings.push(...findPackageScriptSettings(text, target.file));
  } else if (HASH_COMMENT_EXTENSIONS.has(path.extname(target.file))) {
    addSuppressions(scan, hashCommentSuppressions(text, target.file));
  }
  scan.findings.push(...(await findSecrets(target.path, text, target.file)));
  return scan;
}

function scanCode(
  target: ScanTarget,
  text: string,
  root: string,
  vendors: VendorHosts,
  scan: FileScan,
): void {
  const parsed = parseCode(target.path, text);
  if (parsed.syntaxError !== undefined)
    scan.notices.push(syntaxNotice(target.file, parsed.syntaxError));
  const context = {
    checker: parsed.checker,
    directory: path.dirname(target.path),
    generatedFolders: vendors.generatedFolders,
  };
  const { calls, generatedClients } = findOutboundCalls(parsed.sourceFile, context);
  for (const call of calls) {
    const checked = checkCall(call, { file: target.file, root }, vendors);
    scan.findings.push(...checked.findings);
    if (checked.notice !== undefined) scan.notices.push(checked.notice);
  }
  for (const client of generatedClients) {
    const { vendor, name } = client;
    scan.generatedClientUses.push({ file: target.file, ...positionOf(client.node), vendor, name });
  }
  scan.findings.push(...findTlsSettings(parsed.sourceFile, parsed.checker, target.file));
  addSuppressions(scan, codeSuppressions(parsed.sourceFile, target.file));
}

function addSuppressions(scan: FileScan, found: FileSuppressions): void {
  scan.suppressions.push(...found.suppressions);
  scan.notices.push(...found.notices);
}

function syntaxNotice(
  file: string,
  error: { line: number; column: number; message: string; more: number },
): ScanNotice {
  const more =
    error.more === 0
      ? ""
      : ` (and ${error.more} more syntax ${error.more === 1 ? "error" : "errors"})`;
  return {
    code: "parse-error",
    severity: SCAN_NOTICES["parse-error"].severity,
    file,
    line: error.line,
    column: error.column,
    message: `syntax error: ${error.message.replace(/\.$/, "")}${more}. The rest of the file was scanned as the parser recovered it.`,
    fix: "Fix the syntax error so that the whole file is scanned as written.",
  };
}
