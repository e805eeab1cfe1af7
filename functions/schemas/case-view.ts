import * as z from 'zod/mini';
import { CASE_STATUSES } from '../domain/case.js';

/** The answer of GET /cases/{caseId}; documents the contract in the OpenAPI document. */
export const CaseViewSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    caseId: z.string(),
    status: z.enum(CASE_STATUSES),
    /** The status in plain words, in the patient's language. */
    statusText: z.string(),
    cancerType: z.string(),
    opinions: z.number().check(z.int(), z.minimum(1)),
    concordance: z.optional(z.enum(['none', 'minor', 'major'])),
    coverage: z.optional(z.object({ outcome: z.string(), reason: z.string() })),
    timeline: z.array(
      z.object({
        at: z.string(),
        type: z.string(),
        /** What happened, in plain words, in the patient's language. */
        detail: z.string(),
      }),
    ),
  }),
);

export const ProblemSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
);
