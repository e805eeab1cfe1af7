import { z } from 'zod/mini';
import { FREE_TEXT_MAX } from './common.js';

const comment = () =>
  z.optional(
    z.pipe(
      z.string().check(z.trim(), z.maxLength(FREE_TEXT_MAX)),
      z.transform((value) => value || undefined),
    ),
  );

/** A coordinator's answer to an approval link (form fields or JSON). */
export const ApprovalAnswerSchema = z.strictObject({
  decision: z.enum(['approve', 'reject'], 'Must be approve or reject'),
  basis: z.optional(z.enum(['self-pay', 'exception'], 'Must be self-pay or exception')),
  comment: comment(),
});
export type ApprovalAnswer = z.infer<typeof ApprovalAnswerSchema>;

/** Coverage approvals say on what basis an uncovered case proceeds. */
export const CoverageApprovalAnswerSchema = ApprovalAnswerSchema.check(
  z.refine((answer) => answer.decision === 'reject' || answer.basis !== undefined, {
    message: 'Say whether the case proceeds as self-pay or as an exception',
    path: ['basis'],
  }),
);
