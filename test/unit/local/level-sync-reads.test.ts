import { jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import { readLevelDbSynchronously } from '../../../infra/local/level-sync-reads.js';

describe('readLevelDbSynchronously', () => {
  let dir: string;
  let db: ClassicLevel<string, unknown>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'concord-level-'));
    readLevelDbSynchronously();
    db = new ClassicLevel<string, unknown>(dir, { valueEncoding: 'json' });
    await db.open();
  });

  afterEach(async () => {
    jest.restoreAllMocks();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers get() from the synchronous read, values decoded and missing keys undefined', async () => {
    // Arrange
    await db.put('table~concord', { TableStatus: 'ACTIVE', n: 1 });
    const syncRead = jest.spyOn(ClassicLevel.prototype as unknown as { _getSync: () => unknown }, '_getSync');

    // Act
    const found = await db.get('table~concord');
    const missing = await db.get('table~other');

    // Assert
    expect(found).toEqual({ TableStatus: 'ACTIVE', n: 1 });
    expect(missing).toBeUndefined();
    expect(syncRead).toHaveBeenCalledTimes(2);
  });

  it('rejects, rather than throws, when the read fails', async () => {
    // Arrange
    const failure = new Error('LevelDB read failed');
    jest
      .spyOn(ClassicLevel.prototype as unknown as { _getSync: () => unknown }, '_getSync')
      .mockImplementation(() => {
        throw failure;
      });

    // Act
    const read = db.get('table~concord');

    // Assert
    await expect(read).rejects.toBe(failure);
  });
});
