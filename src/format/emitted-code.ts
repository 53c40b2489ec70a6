/**
 * Formats code from vendorguard's emitters with the bytes prettier gives: the subset printer lays
 * out what it can parse, and prettier formats any statement or file it cannot.
 */
import { formatWithPrettier } from "./prettier.js";
import { formatSubset, UnsupportedSyntax } from "./subset/format-subset.js";

export async function formatEmittedCode(code: string): Promise<string> {
  try {
    return (await formatSubset(code, formatWithPrettier)).text;
  } catch (error) {
    if (!(error instanceof UnsupportedSyntax)) throw error;
    return formatWithPrettier(code);
  }
}
