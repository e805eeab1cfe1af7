/**
 * Helvetica and Helvetica-Bold, two of the standard 14 fonts: every PDF viewer supplies them, so
 * a PDF names them and embeds nothing. They draw WinAnsi (Windows-1252) codes; wrapping needs
 * their widths.
 */
export type FontName = 'Helvetica' | 'Helvetica-Bold';

/** WinAnsi codes 128–159 in Unicode; NUL marks the five codes WinAnsi leaves unused. */
const CODES_128_TO_159 = '€\0‚ƒ„…†‡ˆ‰Š‹Œ\0Ž\0\0‘’“”•–—˜™š›œ\0žŸ';
const FIRST_CODE = 32;
const QUESTION_MARK = 63;

/** Unicode character to WinAnsi code, for the drawable codes 32–255 (elsewhere Latin-1 agrees). */
const WIN_ANSI = new Map<string, number>();
for (let code = FIRST_CODE; code < 256; code++) {
  const ch = code >= 128 && code < 160 ? CODES_128_TO_159[code - 128]! : String.fromCharCode(code);
  if (code !== 127 && ch !== '\0') WIN_ANSI.set(ch, code);
}

/**
 * Advance widths in 1/1000 em of WinAnsi codes 32–255, from Adobe's Core14 AFM files
 * (Helvetica.afm, Helvetica-Bold.afm); 0 for unused codes.
 */
// prettier-ignore
const WIDTHS: Readonly<Record<FontName, readonly number[]>> = {
  Helvetica: [
     278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
     556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
     667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
     333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
     556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,   0,
     556,   0, 222, 556, 333,1000, 556, 556, 333,1000, 667, 333,1000,   0, 611,   0,
       0, 222, 222, 333, 333, 350, 556,1000, 333,1000, 500, 333, 944,   0, 500, 500,
     278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
     400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
     667, 667, 667, 667, 667, 667,1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
     722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
     556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
     556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
  ],
  'Helvetica-Bold': [
     278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
     556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
     975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
     667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
     333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
     611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,   0,
     556,   0, 278, 556, 500,1000, 556, 556, 333,1000, 667, 333,1000,   0, 611,   0,
       0, 278, 278, 500, 500, 350, 556,1000, 333,1000, 556, 333, 944,   0, 500, 556,
     278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
     400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
     722, 722, 722, 722, 722, 722,1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
     722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
     556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
     611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
  ],
};

/** ASCII stand-ins for typographic characters WinAnsi lacks; the plan arrow is one. */
const STAND_INS: Readonly<Record<string, string>> = {
  '→': '->',
  '←': '<-',
  '↔': '<->',
  '⇒': '=>',
  '≥': '>=',
  '≤': '<=',
  '≠': '!=',
  '≈': '~',
  '−': '-',
  '\t': '    ',
  '\u200b': '',
};

/** Free text (arrows, CJK, emoji, control characters) mapped to what the fonts can draw: a stand-in, or "?". */
export function winAnsiSafe(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) out += STAND_INS[ch] ?? (WIN_ANSI.has(ch) ? ch : '?');
  return out;
}

/** The text's WinAnsi bytes as a binary string: one char per byte, as the PDF file is built. */
export function winAnsiBytes(text: string): string {
  let out = '';
  for (const ch of winAnsiSafe(text)) out += String.fromCharCode(WIN_ANSI.get(ch) ?? QUESTION_MARK);
  return out;
}

/** Width in points of safe text drawn at `size` (without kerning, as `Tj` draws it). */
export function textWidth(text: string, font: FontName, size: number): number {
  let units = 0;
  for (const ch of text) units += WIDTHS[font][(WIN_ANSI.get(ch) ?? QUESTION_MARK) - FIRST_CODE] ?? 0;
  return (units * size) / 1000;
}
