import type { S3Event } from 'aws-lambda';
import {
  SCAN_RESULT,
  UnknownUploadEventError,
  uploadedObjects,
  type ScanResultEvent,
} from '../../../functions/middleware/upload-events.js';

const KEY =
  'cases/4f1c2b8e-7d3a-4e52-9c61-0a8b7e6d5c4f/records/imaging/Qm9va3NoZWxmLXJlY29yZC0xLWlkX19hYmNkZWZnaGlq';

/** An S3 notification as S3 (and s3rver) sends one, the key URL-encoded. */
const s3Event = (...objects: Array<{ key: string; versionId?: string }>) =>
  ({ Records: objects.map((object) => ({ s3: { object } })) }) as unknown as S3Event;

/** GuardDuty Malware Protection for S3's scan result, as EventBridge delivers it. */
function scanResult(scanResultStatus: string, versionId?: string): ScanResultEvent {
  return {
    version: '0',
    id: 'f1b9a2c0-0000-4000-8000-000000000000',
    'detail-type': SCAN_RESULT,
    source: 'aws.guardduty',
    account: '111122223333',
    time: '2026-12-07T10:00:00Z',
    region: 'us-east-1',
    resources: ['arn:aws:guardduty:us-east-1:111122223333:malware-protection-plan/abc'],
    detail: {
      s3ObjectDetails: { bucketName: 'concord-records', objectKey: KEY, ...(versionId ? { versionId } : {}) },
      scanResultDetails: { scanResultStatus },
    },
  };
}

describe('uploadedObjects', () => {
  it('reads each object of an S3 notification, its key decoded, as not scanned', () => {
    expect(uploadedObjects(s3Event({ key: KEY, versionId: 'v1' }))).toEqual([
      { key: KEY, versionId: 'v1', scan: 'not-scanned' },
    ]);
    expect(uploadedObjects(s3Event({ key: 'exports/a+b%2Fc.pdf' }))).toEqual([
      { key: 'exports/a b/c.pdf', scan: 'not-scanned' },
    ]);
  });

  it.each([
    ['NO_THREATS_FOUND', 'no-threats-found'],
    ['THREATS_FOUND', 'threats-found'],
    ['UNSUPPORTED', 'unsupported'],
    ['ACCESS_DENIED', 'access-denied'],
    ['FAILED', 'failed'],
    ['A_STATUS_ADDED_LATER', 'failed'],
  ])('reads a GuardDuty scan result %s as %s, with the version scanned', (status, scan) => {
    expect(uploadedObjects(scanResult(status, 'v7'))).toEqual([{ key: KEY, versionId: 'v7', scan }]);
  });

  it('refuses any other event, so a misrouted rule lands in the dead-letter queue', () => {
    const other = { ...scanResult('NO_THREATS_FOUND'), 'detail-type': 'Object Created' };

    expect(() => uploadedObjects(other as unknown as ScanResultEvent)).toThrow(UnknownUploadEventError);
  });
});
