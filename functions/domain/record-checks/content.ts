import type { RecordCheckLimits } from './limits.js';
import { PdfScanner } from './pdf.js';
import { scan } from './scanner.js';
import { sniff, type Sniffed } from './sniff.js';
import { TextScanner } from './text.js';
import { accept, refuse, type Refused, type Verdict } from './verdict.js';

/** DICOM's 128-byte preamble, before "DICM": free for applications, so also a place to hide a program. */
const DICOM_PREAMBLE_BYTES = 128;

/**
 * Content read front to back, given what its first bytes said: a PDF is scanned, DICOM's preamble checked,
 * JPEG, PNG and TIFF taken on their signature; anything else must read as plain text throughout. A ZIP here
 * is one inside another (the whole file's ZIP is read by its directory instead).
 */
export async function checkContent(
  sniffed: Sniffed,
  head: Uint8Array,
  chunks: AsyncIterable<Uint8Array>,
  limits: RecordCheckLimits,
  where: 'file' | 'member',
): Promise<Verdict> {
  if ('kind' in sniffed) {
    switch (sniffed.kind) {
      case 'pdf':
        return (await scan(new PdfScanner(limits.maxInflatedPdfBytes), chunks)) ?? accept('pdf');
      case 'dicom':
        return (await checkPreamble(head)) ?? accept('dicom');
      case 'zip':
        return refuse('zip-nested-archive');
      default:
        return accept(sniffed.kind);
    }
  }
  const refused = await scan(new TextScanner(), chunks);
  if (!refused) return accept('text');
  // A known type that is not text either: refused as what it is.
  const binary = refused.code === 'not-allowed-type' || refused.code === 'text-encoding';
  if (sniffed.family === 'none' || !binary) return refused;
  if (sniffed.family === 'program') return refuse('executable');
  return refuse(
    sniffed.family === 'archive' && where === 'member' ? 'zip-nested-archive' : 'not-allowed-type',
  );
}

/**
 * A preamble is refused when it starts the way another file does: with a type's signature (file-type's), a
 * script's `#!` or a page's `<` (a polyglot needs its own start at byte 0 to be read as that other file).
 * A TIFF header there makes the whole file a TIFF, which it is offered as.
 */
async function checkPreamble(head: Uint8Array): Promise<Refused | undefined> {
  const preamble = head.subarray(0, DICOM_PREAMBLE_BYTES);
  const found = await sniff(preamble);
  const script = (preamble[0] === 0x23 && preamble[1] === 0x21) || preamble[0] === 0x3c; // "#!", "<"
  return 'family' in found && found.family === 'none' && !script ? undefined : refuse('dicom-preamble');
}
