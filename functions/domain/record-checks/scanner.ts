import type { ByteSource } from '../ports.js';
import type { Refused } from './verdict.js';

/** Bytes are read and scanned a mebibyte at a time: memory stays flat whatever the file's size. */
export const CHUNK_BYTES = 1024 * 1024;

/** A check that reads a file once, front to back: the first refusal ends it. */
export interface ContentScanner {
  push(chunk: Uint8Array): Refused | undefined;
  /** The file ended: a refusal for what was left unfinished, if anything. */
  end(): Refused | undefined;
}

/** A file's bytes in order, from `offset` on. */
export async function* chunksOf(source: ByteSource, offset = 0): AsyncGenerator<Uint8Array> {
  for (let at = offset; at < source.size; at += CHUNK_BYTES) yield await source.read(at, CHUNK_BYTES);
}

/** Feeds every chunk to the scanner until it refuses; the rest is not read. */
export async function scan(
  scanner: ContentScanner,
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
): Promise<Refused | undefined> {
  for await (const chunk of chunks) {
    const refused = scanner.push(chunk);
    if (refused) return refused;
  }
  return scanner.end();
}
