import { isInteger } from './pdf-dictionary.js';
import type { PdfToken } from './pdf-lexer.js';

/** Where an object of an object stream starts; no number when the header does not add up. */
export interface StoredObject {
  number?: number;
  start: number;
}

/**
 * The objects of an inflated object stream (/Type /ObjStm): its header's `N` pairs of object number and offset
 * (from /First). A header that does not add up gives one piece from the start, to be read whole for names.
 */
export function objectsOf(content: Uint8Array, entries: ReadonlyMap<string, PdfToken[]>): StoredObject[] {
  const first = integer(entries.get('First'));
  const count = integer(entries.get('N'));
  if (first === undefined || count === undefined || first > content.length) return [{ start: 0 }];
  const header = Buffer.from(content.subarray(0, first)).toString('latin1').trim().split(/\s+/);
  if (count === 0 || header.length < count * 2 || !header.every((n) => /^\d+$/.test(n)))
    return [{ start: 0 }];
  const objects = Array.from({ length: count }, (_, i) => ({
    number: Number(header[i * 2]),
    start: first + Number(header[i * 2 + 1]),
  }));
  return objects.some((o) => o.start >= content.length) ? [{ start: 0 }] : objects;
}

function integer(value: PdfToken[] | undefined): number | undefined {
  const token = value?.[0];
  return isInteger(token) ? Number(token.value) : undefined;
}
