/**
 * Helpers of the CLI tests for the CI commands: running the built binary as a child process and
 * copying the shipped examples into a scratch folder, so no test changes the repository.
 */
import { spawnSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { makeOutputDir, REPO_ROOT } from "../support/paths.js";

const CLI = path.join(REPO_ROOT, "dist/src/cli/main.js");

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `vendorguard args` in `cwd`, with `env` added to the environment, and waits for it to exit. */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Copies vendorguard.config.yaml, specs/ and generated/ into a new folder under `.test-output/`
 * and returns it.
 */
export function copyShippedExamples(prefix: string): string {
  const dir = makeOutputDir(prefix);
  cpSync(
    path.join(REPO_ROOT, "vendorguard.config.yaml"),
    path.join(dir, "vendorguard.config.yaml"),
  );
  cpSync(path.join(REPO_ROOT, "specs"), path.join(dir, "specs"), { recursive: true });
  cpSync(path.join(REPO_ROOT, "generated"), path.join(dir, "generated"), { recursive: true });
  return dir;
}

/** Returns every file under `dir` with its text, keyed by relative path, to show that nothing changed. */
export function snapshotFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string): void => {
    for (const name of readdirSync(current).sort()) {
      const full = path.join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(path.relative(dir, full), readFileSync(full, "utf8"));
    }
  };
  walk(dir);
  return files;
}
