import { jest } from '@jest/globals';
import { AbstractIterator, AbstractKeyIterator, AbstractValueIterator } from 'abstract-level';
import { closeDynaliteIterators } from '../../../infra/local/dynalite-iterators.js';

describe('closeDynaliteIterators', () => {
  it('gives every abstract-level iterator the return() dynalite calls, which closes it', async () => {
    // Arrange
    closeDynaliteIterators();
    const close = jest.fn(async () => undefined);

    for (const iteratorClass of [AbstractIterator, AbstractKeyIterator, AbstractValueIterator]) {
      // Act
      const { return: end } = iteratorClass.prototype as unknown as {
        return: (this: unknown) => Promise<unknown>;
      };
      const result = await end.call({ close });

      // Assert
      expect(result).toEqual({ done: true, value: undefined });
    }
    expect(close).toHaveBeenCalledTimes(3);
  });
});
