/** Paths on the evidence page, written so the page does not depend on the machine it was made on. */
import path from "node:path";

/**
 * Returns `file` relative to `base` with `/` separators, or absolute when it lies outside `base`,
 * because a path full of `../` is harder to read than the real one.
 */
export function portablePath(base: string, file: string): string {
  const relative = path.relative(path.resolve(base), path.resolve(file));
  if (relative === "") return ".";
  const outside = relative === ".." || relative.startsWith(`..${path.sep}`);
  if (outside || path.isAbsolute(relative)) return path.resolve(file);
  return relative.split(path.sep).join("/");
}
