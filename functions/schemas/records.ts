import * as z from 'zod/mini';
import { ALLOWED_CONTENT_TYPES, RECORD_TYPES } from '../domain/records.js';
import { line } from './common.js';

const FILE_NAME_MAX = 255;

/** POST /cases/{caseId}/records: announce a file, get a presigned upload URL bound to it. */
export const RecordRequestSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    type: z.enum(RECORD_TYPES, `Must be one of ${RECORD_TYPES.join(', ')}`),
    fileName: line(FILE_NAME_MAX).check(z.regex(/^[^/\\]+$/, 'Must be a plain file name, without a folder')),
    contentType: z.enum(ALLOWED_CONTENT_TYPES, `Must be one of ${ALLOWED_CONTENT_TYPES.join(', ')}`),
    sizeBytes: z.number('Must be a number of bytes').check(z.int(), z.minimum(1, 'Must be at least 1 byte')),
  }),
);
export type RecordRequest = z.infer<typeof RecordRequestSchema>;
