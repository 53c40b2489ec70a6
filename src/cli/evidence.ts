/**
 * `vendorguard evidence`: writes evidence.html and evidence.md for an audit folder, with the
 * inventory, each vendor's controls mapped to audit criteria, the `check` result of every vendor,
 * a `scan` report when one is given, and the date and commit they describe.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { checkVendor, type VendorCheck } from "../ci/check.js";
import { configCheckTargets } from "../ci/check-targets.js";
import { CONFIG_FILE_NAME, loadConfig } from "../config/load.js";
import { buildEvidence, type Evidence, type ScanInput } from "../evidence/build.js";
import { readCommit } from "../evidence/git-commit.js";
import { EVIDENCE_MARKER, renderEvidenceHtml } from "../evidence/render-html.js";
import { renderEvidenceMarkdown } from "../evidence/render-markdown.js";
import { readScanReport, scanCommand } from "../evidence/scan-report-file.js";
import { VendorguardError } from "../errors.js";
import { runScan } from "../scan/index.js";
import { assertReplaceable, replaceFiles } from "../write/replace-files.js";
import { addDocumentOptions, type DocumentFlags, documentReadOptions } from "./option-parsers.js";

const HTML_FILE = "evidence.html";
const MARKDOWN_FILE = "evidence.md";
const EVIDENCE_FILES = [HTML_FILE, MARKDOWN_FILE];

/** True for the start of a file that an earlier run of this command wrote. */
function isEvidenceFile(head: string): boolean {
  return head.includes(EVIDENCE_MARKER);
}

interface EvidenceFlags extends DocumentFlags {
  config: string;
  out: string;
  scanReport?: string;
  scan?: boolean;
}

export function registerEvidence(program: Command): void {
  const command = program
    .command("evidence")
    .description(
      "Write evidence.html and evidence.md: the inventory, each vendor's controls mapped to SOC 2 CC9.2 and CC7.1 and OWASP API10:2023, the check and scan results with their date and commit, digests and suppressions.",
    )
    .option("--config <file>", "config file listing vendors", CONFIG_FILE_NAME)
    .option("--out <dir>", "folder the two files are written to", "evidence")
    .option(
      "--scan-report <file>",
      `JSON report of the codebase scan, written by ${scanCommand("<file>")}; without it or --scan the page says the scan was not run`,
    )
    .option("--scan", "run the codebase scan now, with the config's scan settings, and include its result");
  addDocumentOptions(command).action(async (flags: EvidenceFlags) => {
    const evidence = await gatherEvidence(flags);
    await replaceFiles(
      flags.out,
      [
        { path: HTML_FILE, content: renderEvidenceHtml(evidence) },
        { path: MARKDOWN_FILE, content: renderEvidenceMarkdown(evidence) },
      ],
      isEvidenceFile,
    );
    process.stdout.write(`${summaryLine(flags.out, evidence)}\n`);
  });
}

/** Reads the inputs, runs `check` for every vendor and builds the evidence; writes nothing. */
async function gatherEvidence(flags: EvidenceFlags): Promise<Evidence> {
  const generatedAt = new Date();
  const config = await loadConfig(flags.config);
  // The scan report and the output folder are checked before every client is rendered, so a
  // mistake in either fails at once.
  if (flags.scan && flags.scanReport !== undefined) {
    throw new VendorguardError("usage", "--scan and --scan-report both give the scan result. Use one of them.");
  }
  let scan = flags.scanReport === undefined ? undefined : await readScanInput(flags.scanReport);
  await assertReplaceable(flags.out, EVIDENCE_FILES, isEvidenceFile);
  if (flags.scan) {
    const report = await runScan({ root: path.dirname(path.resolve(config.file)), config });
    scan = { report, origin: { kind: "run" } };
  }

  const readOptions = documentReadOptions(flags);
  const checks: VendorCheck[] = [];
  for (const target of configCheckTargets(config, readOptions)) {
    checks.push(await checkVendor(target));
  }
  // Read before writing, so the files this run writes do not count as uncommitted changes.
  const commit = await readCommit(path.dirname(path.resolve(config.file)));
  return buildEvidence(
    { config, checks, ...(scan === undefined ? {} : { scan }), generatedAt, commit },
    readOptions,
  );
}

async function readScanInput(file: string): Promise<ScanInput> {
  const report = await readScanReport(file);
  const { mtime } = await stat(file);
  return { report, origin: { kind: "file", file, modifiedAt: mtime } };
}

function summaryLine(out: string, evidence: Evidence): string {
  const files = EVIDENCE_FILES.map((name) => path.join(out, name)).join(" and ");
  const passed = evidence.vendors.filter((vendor) => vendor.check.passed).length;
  const check = `check passed for ${passed} of ${evidence.vendors.length} vendors`;
  const scan =
    evidence.scan.status === "not-run"
      ? "scan not included"
      : `scan: ${evidence.scan.findings.length} findings, ${evidence.scan.suppressed.length} suppressed`;
  return `wrote ${files}: ${check}; ${scan}.`;
}
