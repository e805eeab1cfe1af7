import * as z from 'zod/mini';
import { comment, freeText } from './common.js';

/*
 * The bodies of a coordinator's actions on a case (API.md "Coordinator console"), as JSON from programs or as the
 * case view's form fields: a form also carries its CSRF token (`csrf`), which the console's door checks.
 */

const csrf = () => z.optional(z.string().check(z.maxLength(200)));
const reason = () => freeText();
/** Optional, held to the same text rules (nothing hidden); an empty one is taken as none. */
const optionalReason = () => comment();
const callbackId = () =>
  z.string().check(z.regex(/^[A-Za-z0-9_-]{16,128}$/, 'Must be a step id from the case'));

/** Resume, cancel, reassign: why. */
export const ReasonBodySchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ reason: reason(), csrf: csrf() }),
);

/** Re-send a pending step's link: which step (its `callbackId` in the case's `pending`), and optionally why. */
export const ResendBodySchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({ callbackId: callbackId(), reason: optionalReason(), csrf: csrf() }),
);

/**
 * Extend a pending step's deadline: to `until` (an ISO 8601 date-time with its offset), or to `days` from now (the
 * form's choice); exactly one of the two.
 */
export const ExtendBodySchema = /* @__PURE__ */ z.lazy(() =>
  z
    .strictObject({
      callbackId: callbackId(),
      until: z.optional(z.iso.datetime({ offset: true, message: 'Must be an ISO 8601 date-time' })),
      days: z.optional(z.coerce.number().check(z.int('Must be whole days'), z.minimum(1), z.maximum(24))),
      reason: optionalReason(),
      csrf: csrf(),
    })
    .check(
      z.refine((body) => (body.until === undefined) !== (body.days === undefined), {
        message: 'Give until or days, not both',
        path: ['until'],
      }),
    ),
);
export type ExtendBody = z.infer<typeof ExtendBodySchema>;
