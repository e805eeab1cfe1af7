import { s3Handler } from '../middleware/s3-handler.js';
import { logger } from '../shared/logger.js';
import { recordUploaded } from '../use-cases/records.js';
import { recordDeps } from '../wiring/deps.js';

/** S3 ObjectCreated notifications for the records bucket (s3rver's events locally). */
export const handler = s3Handler(async ({ key, versionId }) => {
  const outcome = await recordUploaded(key, recordDeps(), versionId);
  logger.info('Record upload checked', { outcome });
});
