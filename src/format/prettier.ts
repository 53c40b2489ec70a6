/**
 * prettier itself, with the options of `options.ts`. It is loaded on first use: the emitted code
 * is laid out by `subset/`, and prettier only formats what that printer does not cover.
 */
import type * as Prettier from "prettier";
import { PRETTIER_OPTIONS } from "./options.js";

export { PRETTIER_OPTIONS };

let loaded: Promise<typeof Prettier> | undefined;

/** Formats TypeScript with the pinned prettier and fixed options. */
export async function formatWithPrettier(code: string): Promise<string> {
  loaded ??= import("prettier");
  const prettier = await loaded;
  return prettier.format(code, PRETTIER_OPTIONS);
}
