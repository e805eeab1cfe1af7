import { z } from 'zod/mini';

/** What every workflow step receives: IDs only, never PHI. */
export const CaseStepInputSchema = z.object({ caseId: z.string().check(z.minLength(1), z.maxLength(80)) });

export const FailedStepInputSchema = z.object({
  caseId: z.string().check(z.minLength(1), z.maxLength(80)),
  error: z.optional(z.object({ Error: z.optional(z.string()), Cause: z.optional(z.string()) })),
});
