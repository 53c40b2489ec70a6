/**
 * The commit that evidence describes: `git rev-parse HEAD` in the config file's folder, and
 * whether the work tree differs from it.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A commit and the uncommitted changes on top of it, or why no commit could be read. */
export type CommitInfo =
  | {
      status: "commit";
      /** Full hex object name of HEAD. */
      sha: string;
      /** Tracked files whose content differs from HEAD, staged or not. */
      changedFiles: number;
      /** Untracked paths that are not ignored; git lists an untracked folder once. */
      untrackedPaths: number;
    }
  | { status: "unavailable"; reason: string };

/**
 * Reads HEAD and the work tree's state in `dir`. Never throws: a machine without git, a folder
 * outside any repository and a repository without commits each give a reason instead.
 */
export async function readCommit(dir: string): Promise<CommitInfo> {
  const head = await git(dir, ["rev-parse", "--verify", "HEAD"]);
  if (!head.ok) return { status: "unavailable", reason: head.reason };

  const status = await git(dir, ["status", "--porcelain=v1"]);
  if (!status.ok) return { status: "unavailable", reason: status.reason };
  const entries = status.output.split("\n").filter((line) => line.length > 0);
  const untrackedPaths = entries.filter((line) => line.startsWith("??")).length;
  return {
    status: "commit",
    sha: head.output.trim(),
    changedFiles: entries.length - untrackedPaths,
    untrackedPaths,
  };
}

type GitResult = { ok: true; output: string } | { ok: false; reason: string };

async function git(dir: string, args: string[]): Promise<GitResult> {
  try {
    // core.fsmonitor names a program that `git status` would run; evidence runs none.
    const { stdout } = await run("git", ["-c", "core.fsmonitor=false", ...args], {
      cwd: dir,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    return { ok: true, output: stdout };
  } catch (error) {
    return { ok: false, reason: describeGitFailure(error as GitFailure, args) };
  }
}

interface GitFailure extends Error {
  code?: string | number;
  stderr?: string;
}

function describeGitFailure(error: GitFailure, args: string[]): string {
  if (error.code === "ENOENT") return "git is not installed (no git on PATH)";
  const stderr = error.stderr ?? "";
  if (/not a git repository/i.test(stderr)) {
    return "the config file's folder is not inside a git repository";
  }
  if (args[0] === "rev-parse" && /needed a single revision|unknown revision/i.test(stderr)) {
    return "the git repository has no commits yet";
  }
  const firstLine = stderr.split("\n").find((line) => line.trim().length > 0) ?? error.message;
  return `git ${args.join(" ")} failed: ${firstLine.trim()}`;
}
