import { FailedStepInputSchema } from '../schemas/steps.js';
import { config } from '../shared/config.js';
import * as deps from '../wiring/deps.js';
import { stepHandler } from '../middleware/step-handler.js';
import { markNeedsAttention } from '../use-cases/needs-attention.js';

export const handler = stepHandler(FailedStepInputSchema, ({ caseId, error }) =>
  markNeedsAttention(caseId, error?.Error ?? 'UnknownError', {
    cases: deps.cases(),
    outbox: deps.outbox(),
    coordinatorEmail: config().coordinatorEmail,
    publicUrl: config().publicUrl,
    assignments: deps.assignments(),
    capacity: deps.capacity(),
  }),
);
