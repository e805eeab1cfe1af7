import type { PdfToken } from './pdf-lexer.js';

/** A dictionary or /OpenAction longer than this is not one a producer writes: it is not trusted to be read right. */
export const MAX_TOKENS = 4096;

export function isInteger(token: PdfToken | undefined): token is { type: 'word'; value: string } {
  return token?.type === 'word' && /^\d+$/.test(token.value);
}

/**
 * The entries of the dictionary the tokens open with: each key's value as its tokens (a name, a number, a
 * reference's three words, or everything between an array's or a dictionary's brackets).
 */
export function dictEntries(tokens: readonly PdfToken[]): Map<string, PdfToken[]> {
  const entries = new Map<string, PdfToken[]>();
  const start = tokens.findIndex((t) => t.type === 'open-dict');
  if (start === -1) return entries;
  let depth = 0;
  let value: PdfToken[] | undefined;
  for (const token of tokens.slice(start)) {
    if (token.type === 'close-dict' || token.type === 'close-array') depth--;
    if (depth === 0) {
      if (token.type === 'close-dict') break;
    } else if (depth === 1 && token.type === 'name' && (!value || value.length > 0)) {
      value = [];
      entries.set(token.value, value);
    } else {
      value?.push(token);
    }
    if (token.type === 'open-dict' || token.type === 'open-array') depth++;
  }
  return entries;
}
