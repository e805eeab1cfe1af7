import middy from '@middy/core';
import type { S3Event } from 'aws-lambda';
import { recordDeps } from '../shared/deps.js';
import { logger } from '../shared/logger.js';
import { logContext } from '../middleware/log-context.js';
import { recordUploaded } from '../use-cases/records.js';

/** S3 ObjectCreated notifications for the records bucket (s3rver's events locally). */
async function recordsUploaded(event: S3Event): Promise<void> {
  for (const notification of event.Records ?? []) {
    // S3 URL-encodes keys in notifications, with '+' for spaces.
    const key = decodeURIComponent(notification.s3.object.key.replace(/\+/g, ' '));
    const outcome = await recordUploaded(key, recordDeps(), notification.s3.object.versionId);
    logger.info('Record upload checked', { outcome });
  }
}

export const handler = middy<S3Event, void>().use(logContext(logger)).handler(recordsUploaded);
