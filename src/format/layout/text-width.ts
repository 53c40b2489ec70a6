/**
 * The number of columns a text takes in a terminal, as prettier counts them to decide whether a
 * line fits: East Asian wide and fullwidth characters and emoji take two, combining marks and
 * control characters none, everything else one.
 *
 * NOTE: prettier uses the full Unicode East Asian Width table and an emoji list; the ranges here
 * cover the common blocks only. Emitted code is ASCII apart from comments, which sit on lines of
 * their own, so a difference could only move a line break after a comment of rare characters.
 */
const NOT_ASCII = /[^\x20-\x7f]/;
const ZERO_WIDTH = /[\p{Mn}\p{Me}]/u;
const EMOJI = /\p{Extended_Pictographic}/u;

/** Code point ranges of East Asian wide and fullwidth characters, sorted. */
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

export function textWidth(text: string): number {
  if (!NOT_ASCII.test(text)) return text.length;
  let width = 0;
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    if (codePoint <= 0x1f || (codePoint >= 0x7f && codePoint <= 0x9f)) continue;
    if (ZERO_WIDTH.test(character)) continue;
    width += isWide(codePoint) || EMOJI.test(character) ? 2 : 1;
  }
  return width;
}

function isWide(codePoint: number): boolean {
  for (const [start, end] of WIDE_RANGES) {
    if (codePoint < start) return false;
    if (codePoint <= end) return true;
  }
  return false;
}
