import * as z from 'zod/mini';
import { APPROVAL_BASES, type ApprovalPurpose } from '../domain/callback.js';
import { ValidationError } from '../shared/errors.js';
import { parseOrThrow } from '../shared/validation.js';
import { comment } from './common.js';

const ALL_BASES = [...new Set(Object.values(APPROVAL_BASES).flat())] as [string, ...string[]];

/** A coordinator's answer to an approval link (form fields or JSON). */
export const ApprovalAnswerSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    decision: z.enum(['approve', 'reject'], 'Must be approve or reject'),
    basis: z.optional(
      z.enum(ALL_BASES, `Must be one of ${ALL_BASES.join(', ')}`).register(z.globalRegistry, {
        description:
          'How an approved case goes on: coverage self-pay or exception; an overdue prior authorization chase, ' +
          'self-pay or exception; a denied one self-pay; incomplete records partial-records. Absent: the first.',
      }),
    ),
    comment: comment(),
  }),
);
export type ApprovalAnswer = z.infer<typeof ApprovalAnswerSchema>;

/**
 * Parses an approval and checks its basis is one this purpose allows. API.md's answer is `decision` and
 * `comment`: an approve without a basis proceeds on the purpose's first basis, the one the approval page
 * has chosen when it opens (self-pay for coverage, chase for an overdue prior authorization).
 */
export function parseApprovalAnswer(purpose: ApprovalPurpose, body: unknown): ApprovalAnswer {
  const answer = parseOrThrow(ApprovalAnswerSchema, body, 'decision');
  // A reject ignores the basis: the page's form sends its chosen basis with either button.
  if (answer.decision === 'reject') return { decision: 'reject', comment: answer.comment };
  const allowed: readonly string[] = APPROVAL_BASES[purpose];
  const basis = answer.basis ?? allowed[0];
  if (basis !== undefined && !allowed.includes(basis)) {
    const message = allowed.length ? `Choose one of: ${allowed.join(', ')}` : 'This approval takes no basis';
    throw new ValidationError('The decision is invalid', [{ path: 'basis', message }]);
  }
  return basis === undefined ? { decision: 'approve', comment: answer.comment } : { ...answer, basis };
}

/** An insurer's answer to a prior-authorization link. */
export const PriorAuthorizationAnswerSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    decision: z.enum(['approved', 'denied'], 'Must be approved or denied'),
    reference: z
      .string('Give your prior-authorization reference')
      .check(
        z.trim(),
        z.regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/, 'Must be 1–64 letters, digits or . _ / -'),
      ),
    comment: comment(),
  }),
);
export type PriorAuthorizationAnswer = z.infer<typeof PriorAuthorizationAnswerSchema>;

/** A specialist's answer to an assignment link. */
export const AssignmentAnswerSchema = /* @__PURE__ */ z.lazy(() =>
  z.strictObject({
    decision: z.enum(['accept', 'decline'], 'Must be accept or decline'),
    comment: comment(),
  }),
);
