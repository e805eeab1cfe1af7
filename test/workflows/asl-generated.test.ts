import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { aslText } from '../../infra/generate-asl.js';
import { ASL_PATH } from '../../infra/routes.js';
import { machine, pass } from '../../workflows/asl-builders.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

describe(`${ASL_PATH}`, () => {
  it('is what `npm run asl` writes from workflows/second-opinion.ts, byte for byte', async () => {
    // Arrange
    const file = readFileSync(join(ROOT, ASL_PATH), 'utf8');

    // Act
    const generated = await aslText();

    // Assert
    expect(file).toBe(generated);
  });
});

describe('machine()', () => {
  it('refuses a state described twice instead of keeping the last', () => {
    const done = pass({ comment: 'x', result: 1, resultPath: '$.x', next: 'Done' });
    expect(() => machine({ comment: 'c', startAt: 'A', parts: [{ A: done }, { A: done }] })).toThrow(
      'State A is described twice',
    );
  });
});
