import fc from 'fast-check';
import { blockCache } from '../../../../functions/domain/record-checks/block-cache.js';
import { byteSource } from '../../../support/byte-source.js';

const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7) % 251);

describe('blockCache', () => {
  it('answers the same bytes as the source, for any range', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 11_000 }), fc.nat({ max: 5_000 }), async (offset, length) => {
        const cached = blockCache(byteSource(bytes), 1_000);
        expect(Buffer.from(await cached.read(offset, length))).toEqual(
          Buffer.from(bytes.subarray(offset, offset + length)),
        );
      }),
    );
  });

  it('reads each block once for many small reads close together', async () => {
    // Arrange
    const source = byteSource(bytes);
    const cached = blockCache(source, 1_000);

    // Act
    for (let offset = 0; offset < 3_000; offset += 30) await cached.read(offset, 30);

    // Assert
    expect(source.reads).toBe(3);
  });

  it('keeps a few blocks only', async () => {
    // Arrange
    const source = byteSource(bytes);
    const cached = blockCache(source, 1_000);

    // Act: ten blocks, then the first again
    for (let block = 0; block < 10; block++) await cached.read(block * 1_000, 1);
    await cached.read(0, 1);

    // Assert
    expect(source.reads).toBe(11);
  });

  it('does not keep a failed read: the next read tries again', async () => {
    // Arrange
    const inner = byteSource(bytes);
    let failures = 1;
    const cached = blockCache(
      {
        size: inner.size,
        read: (offset, length) =>
          failures-- > 0 ? Promise.reject(new Error('SlowDown')) : inner.read(offset, length),
      },
      1_000,
    );

    // Act / Assert
    await expect(cached.read(10, 5)).rejects.toThrow('SlowDown');
    expect(Buffer.from(await cached.read(10, 5))).toEqual(Buffer.from(bytes.subarray(10, 15)));
  });
});
