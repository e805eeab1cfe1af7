import type { ByteSource } from '../ports.js';
import { blockCache } from './block-cache.js';
import { checkContent } from './content.js';
import { DEFAULT_LIMITS, type RecordCheckLimits } from './limits.js';
import { chunksOf } from './scanner.js';
import { SNIFF_BYTES, sniff } from './sniff.js';
import { refuse, type Verdict } from './verdict.js';
import { checkZip } from './zip.js';

/**
 * What an uploaded record really is, and whether it may reach a specialist: one of the allowed kinds (PDF,
 * DICOM, JPEG, PNG, TIFF, plain text, or a ZIP of those) with nothing active in it. Reads are bounded by the
 * limits; a failing read is thrown (a fault to retry), never taken for a refusal.
 */
export async function checkRecord(
  source: ByteSource,
  limits: RecordCheckLimits = DEFAULT_LIMITS,
): Promise<Verdict> {
  if (source.size === 0) return refuse('empty');
  if (source.size > limits.maxBytes) return refuse('too-large');
  // The head is read as the first chunk's start: a file of up to a chunk costs one ranged read in all.
  const blocks = blockCache(source);
  const head = await blocks.read(0, SNIFF_BYTES);
  const sniffed = await sniff(head);
  if ('kind' in sniffed && sniffed.kind === 'zip') return checkZip(source, limits);
  return checkContent(sniffed, head, chunksOf(blocks), limits, 'file');
}
