import * as z from 'zod/mini';
import { CANCER_TYPES } from '../domain/cancer-type.js';
import { CASE_STATUSES } from '../domain/case.js';
import { QUEUE_VIEWS } from '../domain/queue.js';
import { WAITING_ON } from '../domain/waiting-on.js';

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, `Must be one of ${values.join(', ')}`);

/** The queue's default page, and the most a caller may ask for. */
export const QUEUE_PAGE = 25;
export const QUEUE_PAGE_MAX = 100;

/**
 * The queue's query string (API.md: `GET /console/cases?view=&status=&waitingOn=&cancerType=&urgency=&payerId=
 * &overdue=true&cursor=`), plus `limit`. Empty values count as absent: the page's filter form sends them.
 */
export const QueueParamsSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    view: z._default(oneOf(QUEUE_VIEWS), 'open'),
    status: z.optional(oneOf(CASE_STATUSES)),
    waitingOn: z.optional(oneOf(WAITING_ON)),
    cancerType: z.optional(oneOf(CANCER_TYPES)),
    urgency: z.optional(oneOf(['routine', 'expedited'] as const)),
    payerId: z.optional(
      z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'Must be a payer id such as acme-health')),
    ),
    overdue: z.optional(
      z.pipe(
        oneOf(['true', 'false'] as const),
        z.transform((value) => value === 'true'),
      ),
    ),
    cursor: z.optional(z.string().check(z.maxLength(512, 'Use the `next` of the previous page'))),
    limit: z._default(
      z.pipe(
        z.string().check(z.regex(/^\d{1,3}$/, `Must be a number from 1 to ${QUEUE_PAGE_MAX}`)),
        z.pipe(
          z.transform(Number),
          z
            .number()
            .check(
              z.minimum(1, `Must be a number from 1 to ${QUEUE_PAGE_MAX}`),
              z.maximum(QUEUE_PAGE_MAX, `Must be a number from 1 to ${QUEUE_PAGE_MAX}`),
            ),
        ),
      ),
      QUEUE_PAGE,
    ),
  }),
);
export type QueueParams = z.infer<typeof QueueParamsSchema>;
