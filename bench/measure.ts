/**
 * Running a command as a child process and reading its wall time and peak memory from
 * `/usr/bin/time` (GNU time), so every tool is measured the same way, as a whole process.
 */
import { spawnSync } from "node:child_process";

export interface Measurement {
  seconds: number;
  peakMiB: number;
}

/** Runs `command` with GNU time; throws with the command's output when it fails. */
export function measure(command: string[], cwd: string): Measurement {
  const result = spawnSync("/usr/bin/time", ["-f", "VGTIME %e %M", ...command], {
    cwd,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  const line = /VGTIME ([\d.]+) (\d+)/.exec(result.stderr ?? "");
  if (result.status !== 0 || !line) {
    throw new Error(`${command.join(" ")} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`.slice(0, 4000));
  }
  return { seconds: Number(line[1]), peakMiB: Number(line[2]) / 1024 };
}

/** Returns the median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
