import { uploadEventHandler } from '../middleware/upload-events.js';
import { logger } from '../shared/logger.js';
import { recordUploaded } from '../use-cases/record-uploaded.js';
import { recordDeps } from '../wiring/deps.js';

/** The records bucket's uploads: GuardDuty's scan results on AWS, S3 notifications (s3rver's) locally. */
export const handler = uploadEventHandler(async (object) => {
  const outcome = await recordUploaded(object, recordDeps());
  logger.info('Record upload checked', { outcome, scan: object.scan });
});
