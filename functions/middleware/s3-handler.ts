import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import { logger } from '../shared/logger.js';
import { logContext } from './log-context.js';

/** One object an S3 notification names: its key decoded, and the version when the bucket keeps versions. */
export interface S3Object {
  key: string;
  versionId?: string;
}

/**
 * The common composition for S3 notifications: request id on log lines, and each object of the event handed
 * on in turn with its key decoded (S3 URL-encodes keys in notifications, with '+' for spaces).
 */
export function s3Handler(fn: (object: S3Object) => Promise<void>) {
  return middy<S3Event, void>()
    .use(logContext(logger))
    .handler(async (event: S3Event) => {
      for (const notification of event.Records ?? []) {
        const { key, versionId } = notification.s3.object;
        await fn({ key: decodeURIComponent(key.replace(/\+/g, ' ')), versionId });
      }
    });
}
