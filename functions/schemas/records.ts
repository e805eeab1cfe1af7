import * as z from 'zod/mini';
import { ALLOWED_CONTENT_TYPES, RECORD_TYPES } from '../domain/records.js';

/** POST /cases/{caseId}/records: announce a file, get a presigned upload URL bound to it. */
export const RecordRequestSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    type: z.enum(RECORD_TYPES, `Must be one of ${RECORD_TYPES.join(', ')}`),
    fileName: z.string().check(
      z.trim(),
      z.minLength(1, 'Required'),
      z.maxLength(255),
      // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
      z.regex(/^[^/\\\x00-\x1f]+$/, 'Must be a plain file name'),
    ),
    contentType: z.enum(ALLOWED_CONTENT_TYPES, `Must be one of ${ALLOWED_CONTENT_TYPES.join(', ')}`),
    sizeBytes: z.number('Must be a number of bytes').check(z.int(), z.minimum(1, 'Must be at least 1 byte')),
  }),
);
export type RecordRequest = z.infer<typeof RecordRequestSchema>;
