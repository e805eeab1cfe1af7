/**
 * Characters that change how a name reads without being seen: C0 and C1 controls, format characters (bidi
 * embeddings, overrides and isolates, directional and zero-width marks, byte-order marks, tag characters),
 * line and paragraph separators. `scan\u202Efdp.exe` reads "scanexe.pdf" until its override is gone.
 */
const HIDDEN = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const ALL_HIDDEN = new RegExp(HIDDEN.source, 'gu');

/** Long names keep their start and their end (where the extension is), with an ellipsis between. */
export const MAX_NAME_LENGTH = 120;
const KEPT_END = 24;
const ELLIPSIS = '...';

export function hasHiddenCharacters(name: string): boolean {
  return HIDDEN.test(name);
}

/**
 * An uploader's file name made safe to show: the last part of any path, without hidden characters, spaces
 * collapsed, NFC-normalized, at most `maxLength` characters (as people count them: grapheme clusters).
 * Undefined when nothing is left. The name is a label only: what the record is, and its download's name and
 * type, come from its content, so a name is cleaned, never a reason to refuse the record.
 */
export function displayName(raw: string, maxLength = MAX_NAME_LENGTH): string | undefined {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(ALL_HIDDEN, '').normalize('NFC').replace(/\s+/g, ' ').trim();
  if (!cleaned) return undefined;
  const characters = Array.from(
    new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(cleaned),
    (s) => s.segment,
  );
  if (characters.length <= maxLength) return cleaned;
  const end = Math.min(KEPT_END, Math.floor(maxLength / 3));
  const start = maxLength - end - ELLIPSIS.length;
  return characters.slice(0, start).join('') + ELLIPSIS + characters.slice(-end).join('');
}
