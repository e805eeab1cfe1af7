import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib';

/**
 * JSON packed for a bundle: brotli-compressed, in base64, about a sixth of the JSON's bytes. A generated
 * document that would be most of a function's bundle goes in packed; node:zlib comes with the runtime, and
 * unpacking once per cold start takes well under a millisecond.
 */
export function packJson(value: unknown): string {
  const json = Buffer.from(JSON.stringify(value), 'utf8');
  return brotliCompressSync(json, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: json.length },
  }).toString('base64');
}

export function unpackJson<T>(packed: string): T {
  return JSON.parse(brotliDecompressSync(Buffer.from(packed, 'base64')).toString('utf8')) as T;
}
