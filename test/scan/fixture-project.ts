/**
 * The scan tests' codebase: a copy of test/fixtures/scan-project with its acme client generated
 * by the real CLI, plus the files that git should not hold (node_modules, dist, a binary file and
 * one over the size limit), written into the copy.
 */
import assert from "node:assert/strict";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { runCli } from "../cli/run-cli.js";
import { makeOutputDir, REPO_ROOT } from "../support/paths.js";
import { DEFAULT_MAX_FILE_BYTES } from "../../src/scan/index.js";

export const FIXTURE_PROJECT = path.join(REPO_ROOT, "test/fixtures/scan-project");

/** Copies the fixture project into a new folder, generates its client and returns the folder. */
export function prepareScanProject(prefix: string): string {
  const dir = makeOutputDir(prefix);
  cpSync(FIXTURE_PROJECT, dir, { recursive: true });
  const generated = runCli(["generate", "--silent"], dir);
  assert.equal(generated.status, 0, generated.stderr);
  const write = (file: string, content: string | Buffer) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  };
  // Each would be a host-not-allowed finding if the scan read it.
  write("node_modules/left-pad/index.js", 'fetch("https://npm-package.unlisted.example/");\n');
  write("dist/main.js", 'fetch("https://build-output.unlisted.example/");\n');
  write("generated/acme/runtime/probe.ts", 'fetch("https://runtime.unlisted.example/");\n');
  write("src/assets/logo.js", Buffer.from([0x66, 0x65, 0x74, 0x63, 0x68, 0x00, 0x01, 0x02]));
  const call = 'fetch("https://huge-file.unlisted.example/");\n';
  write("src/huge.js", call.repeat(Math.ceil((DEFAULT_MAX_FILE_BYTES + 1) / call.length)));
  return dir;
}
