import { S3Client } from '@aws-sdk/client-s3';
import * as setting from '../config.js';
import { once } from '../once.js';

// Path-style addressing is configuration, not a branch on where we run.
export const s3 = /* @__PURE__ */ once(
  () => new S3Client({ cacheMiddleware: true, forcePathStyle: setting.s3ForcePathStyle() }),
);
