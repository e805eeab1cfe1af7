import middy from '@middy/core';
import type { EventBridgeEvent, S3Event } from 'aws-lambda';
import type { MalwareScan } from '../domain/record-checks/malware-scan.js';
import type { UploadedObject } from '../domain/records.js';
import { IdsOnlyError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';
import { logContext } from './log-context.js';

/** GuardDuty Malware Protection for S3's EventBridge event, in the fields read here. */
export const SCAN_RESULT = 'GuardDuty Malware Protection Object Scan Result';
export type ScanResultEvent = EventBridgeEvent<
  typeof SCAN_RESULT,
  {
    s3ObjectDetails: { bucketName: string; objectKey: string; versionId?: string };
    scanResultDetails: { scanResultStatus: string };
  }
>;

/** GuardDuty's verdicts, as the domain names them; any other (a status added later) is taken as a failure. */
const SCANS: Readonly<Record<string, MalwareScan>> = {
  NO_THREATS_FOUND: 'no-threats-found',
  THREATS_FOUND: 'threats-found',
  UNSUPPORTED: 'unsupported',
  ACCESS_DENIED: 'access-denied',
  FAILED: 'failed',
};

/** An event that is neither: a misrouted rule, to retry and then keep in the dead-letter queue. */
export class UnknownUploadEventError extends IdsOnlyError {
  constructor() {
    super('The event is neither an S3 notification nor a GuardDuty scan result');
    this.name = 'UnknownUploadEventError';
  }
}

/**
 * The objects an event names, as one input whatever brought it: S3 notifications (s3rver's events locally)
 * name objects no scan has seen; GuardDuty's scan result (on AWS) names one object with its verdict.
 */
export function uploadedObjects(event: S3Event | ScanResultEvent): UploadedObject[] {
  if ('Records' in event) {
    // S3 URL-encodes keys in notifications, with '+' for spaces.
    return event.Records.map(({ s3: { object } }) => ({
      key: decodeURIComponent(object.key.replace(/\+/g, ' ')),
      ...(object.versionId ? { versionId: object.versionId } : {}),
      scan: 'not-scanned',
    }));
  }
  if (event['detail-type'] === SCAN_RESULT) {
    const { s3ObjectDetails: object, scanResultDetails } = event.detail;
    return [
      {
        key: object.objectKey,
        ...(object.versionId ? { versionId: object.versionId } : {}),
        scan: SCANS[scanResultDetails.scanResultStatus] ?? 'failed',
      },
    ];
  }
  throw new UnknownUploadEventError();
}

/** The records bucket's events: request id on log lines, and each object named handed on in turn. */
export function uploadEventHandler(fn: (object: UploadedObject) => Promise<void>) {
  return middy<S3Event | ScanResultEvent, void>()
    .use(logContext(logger))
    .handler(async (event) => {
      for (const object of uploadedObjects(event)) await fn(object);
    });
}
