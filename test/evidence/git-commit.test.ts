/**
 * Reading the commit with the real git: a folder outside any repository, a repository without
 * commits, a clean and a changed work tree, and a machine without git.
 */
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { readCommit } from "../../src/evidence/git-commit.js";
import { runGit } from "../support/git.js";
import { makeOutputDir } from "../support/paths.js";

const work = makeOutputDir("git-commit");
after(() => rmSync(work, { recursive: true, force: true }));

/** Runs `action` with environment variables set, and restores them afterwards. */
async function withEnv<T>(values: Record<string, string>, action: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  Object.assign(process.env, values);
  try {
    return await action();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

test("folder outside a repository", async () => {
  const dir = path.join(work, "plain");
  mkdirSync(dir);
  // The ceiling stops git from finding the repository this test runs in.
  const commit = await withEnv({ GIT_CEILING_DIRECTORIES: work }, () => readCommit(dir));
  assert.deepEqual(commit, {
    status: "unavailable",
    reason: "the config file's folder is not inside a git repository",
  });
});

test("repository without commits", async () => {
  const dir = path.join(work, "empty");
  mkdirSync(dir);
  runGit(dir, "init", "--quiet");
  assert.deepEqual(await readCommit(dir), {
    status: "unavailable",
    reason: "the git repository has no commits yet",
  });
});

test("clean and changed work tree", async () => {
  const dir = path.join(work, "repo");
  mkdirSync(dir);
  runGit(dir, "init", "--quiet");
  writeFileSync(path.join(dir, "policy.yaml"), "vendor: {}\n");
  writeFileSync(path.join(dir, "spec.json"), "{}\n");
  runGit(dir, "add", "policy.yaml", "spec.json");
  runGit(dir, "commit", "--quiet", "-m", "Add inputs");
  const sha = runGit(dir, "rev-parse", "HEAD").trim();
  assert.deepEqual(await readCommit(dir), {
    status: "commit",
    sha,
    changedFiles: 0,
    untrackedPaths: 0,
  });

  writeFileSync(path.join(dir, "policy.yaml"), "vendor: { name: changed }\n");
  writeFileSync(path.join(dir, "spec.json"), '{ "staged": true }\n');
  runGit(dir, "add", "spec.json");
  mkdirSync(path.join(dir, "new"));
  writeFileSync(path.join(dir, "new", "a.txt"), "a\n");
  writeFileSync(path.join(dir, "notes.txt"), "b\n");
  assert.deepEqual(await readCommit(dir), {
    status: "commit",
    sha,
    changedFiles: 2,
    untrackedPaths: 2,
  });
});

test("machine without git", async () => {
  const commit = await withEnv({ PATH: path.join(work, "no-such-folder") }, () => readCommit(work));
  assert.deepEqual(commit, {
    status: "unavailable",
    reason: "git is not installed (no git on PATH)",
  });
});
