/** Running the real git in a test's own repository. */
import { execFileSync } from "node:child_process";

/** Runs git in `dir` with a fixed identity and without signing, whatever the machine's git config sets. */
export function runGit(dir: string, ...args: string[]): string {
  const settings = [
    "user.name=Evidence Tests",
    "user.email=tests@example.com",
    "commit.gpgsign=false",
  ];
  return execFileSync("git", [...settings.flatMap((setting) => ["-c", setting]), ...args], {
    cwd: dir,
    encoding: "utf8",
  });
}
