import type { ByteSource } from '../ports.js';
import { CHUNK_BYTES } from './scanner.js';

/** Blocks kept: the central directory's, and the ones the current members lie in. */
const BLOCKS_KEPT = 4;

/**
 * A ByteSource read in aligned blocks, the last few kept: many small reads close together (a ZIP's headers
 * and its members' first bytes) cost one ranged read per block, not one each.
 */
export function blockCache(source: ByteSource, blockBytes = CHUNK_BYTES): ByteSource {
  const blocks = new Map<number, Promise<Uint8Array>>();
  const block = (index: number): Promise<Uint8Array> => {
    let found = blocks.get(index);
    if (found) {
      blocks.delete(index); // kept newest last
    } else {
      found = source.read(index * blockBytes, blockBytes);
      // A failed read is not kept: the next one tries again.
      found.catch(() => blocks.delete(index));
    }
    blocks.set(index, found);
    if (blocks.size > BLOCKS_KEPT) blocks.delete(blocks.keys().next().value!);
    return found;
  };
  return {
    size: source.size,
    async read(offset, length) {
      const end = Math.min(offset + length, source.size);
      if (offset >= end) return new Uint8Array();
      const first = Math.floor(offset / blockBytes);
      const last = Math.floor((end - 1) / blockBytes);
      const parts: Uint8Array[] = [];
      for (let index = first; index <= last; index++) {
        const bytes = await block(index);
        const from = Math.max(offset - index * blockBytes, 0);
        parts.push(bytes.subarray(from, Math.min(end - index * blockBytes, bytes.length)));
      }
      return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    },
  };
}
