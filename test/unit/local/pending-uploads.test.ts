import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Event } from 'aws-lambda';
import { PendingUploads } from '../../../infra/local/pending-uploads.js';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'concord-uploads-'));
  file = join(dir, 'pending-uploads.jsonl');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** An ObjectCreated event for one object key, as s3rver gives it (only what the journal keeps matters). */
const created = (key: string) => ({ Records: [{ s3: { object: { key } } }] }) as unknown as S3Event;

const keysOf = (uploads: PendingUploads) =>
  uploads.values().map((notification) => notification.event.Records[0]!.s3.object.key);

describe('PendingUploads', () => {
  it('keeps a notification not yet delivered across a reopen, as a hard kill leaves it', () => {
    // Arrange
    const first = new PendingUploads(file);
    first.add(created('cases/c-1/records/imaging/r-1'));

    // Act
    const reopened = new PendingUploads(file);

    // Assert
    expect(keysOf(reopened)).toEqual(['cases/c-1/records/imaging/r-1']);
  });

  it('drops a delivered notification at once, and from the file when it is next opened', async () => {
    // Arrange
    const first = new PendingUploads(file);
    const delivered = first.add(created('cases/c-1/records/imaging/r-1'));
    first.add(created('cases/c-1/records/lab-results/r-2'));

    // Act
    first.delivered(delivered);
    const reopened = new PendingUploads(file);

    // Assert
    expect(keysOf(first)).toEqual(['cases/c-1/records/lab-results/r-2']);
    expect(keysOf(reopened)).toEqual(['cases/c-1/records/lab-results/r-2']);
    const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
  });

  it('gives each notification its own id, so two of one object key are both kept', () => {
    // Arrange
    const uploads = new PendingUploads(file);

    // Act
    const [a, b] = [uploads.add(created('k')), uploads.add(created('k'))];

    // Assert
    expect(a.id).not.toBe(b.id);
    expect(keysOf(new PendingUploads(file))).toEqual(['k', 'k']);
  });
});
