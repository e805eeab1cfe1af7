import type { ByteSource } from '../../functions/domain/ports.js';

/** A file in memory as a ByteSource, counting the reads made of it and the bytes they answered. */
export function byteSource(bytes: Uint8Array): ByteSource & { reads: number; bytesRead: number } {
  const source = {
    size: bytes.length,
    reads: 0,
    bytesRead: 0,
    async read(offset: number, length: number): Promise<Uint8Array> {
      const slice = bytes.slice(offset, Math.min(bytes.length, offset + length));
      source.reads += 1;
      source.bytesRead += slice.length;
      return slice;
    },
  };
  return source;
}
