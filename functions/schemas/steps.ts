import * as z from 'zod/mini';
import { ASSIGNMENT_OUTCOMES } from '../domain/assignment.js';
import { CALLBACK_KINDS } from '../domain/callback.js';

/** What every workflow step receives: IDs only, never PHI. */
export const CaseStepInputSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({ caseId: z.string().check(z.minLength(1), z.maxLength(80)) }),
);

export const FailedStepInputSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    caseId: z.string().check(z.minLength(1), z.maxLength(80)),
    error: z.optional(z.object({ Error: z.optional(z.string()), Cause: z.optional(z.string()) })),
  }),
);

const callbackRef = () => ({
  caseId: z.string().check(z.minLength(1), z.maxLength(80)),
  kind: z.enum(CALLBACK_KINDS),
  purpose: z.string().check(z.regex(/^[a-z-]{1,40}$/)),
  round: z.number().check(z.int(), z.minimum(1), z.maximum(100)),
});

export const CallbackRefSchema = /* @__PURE__ */ z.lazy(() => z.object(callbackRef()));

export const CallbackStepInputSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    ...callbackRef(),
    taskToken: z.string().check(z.minLength(1), z.maxLength(1024)),
    /** The state's own timeout, so the link expires with the wait. */
    timeoutSeconds: z.number().check(z.int(), z.minimum(1)),
    /** The case's resume count, where the request's expiry stops the case: asked again after a resume. */
    resume: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(1000))),
  }),
);

const attempt = () => z.number().check(z.int(), z.minimum(1), z.maximum(100));

/** A step about one match attempt (its assignment). */
export const AttemptStepInputSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    caseId: z.string().check(z.minLength(1), z.maxLength(80)),
    attempt: attempt(),
  }),
);

export const EndAssignmentInputSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    caseId: z.string().check(z.minLength(1), z.maxLength(80)),
    attempt: attempt(),
    outcome: z.enum(ASSIGNMENT_OUTCOMES),
  }),
);

export const CloseCaseInputSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    caseId: z.string().check(z.minLength(1), z.maxLength(80)),
    reason: z.string().check(z.regex(/^[a-z-]{1,60}$/)),
  }),
);

/** A scheduled invocation's event (EventBridge's, or the local timer's): nothing in it is read. */
export const ScheduleInputSchema = /* @__PURE__ */ z.lazy(() => z.unknown());
