import { FailedStepInputSchema } from '../schemas/steps.js';
import * as setting from '../shared/config.js';
import * as deps from '../wiring/deps.js';
import { stepHandler } from '../middleware/step-handler.js';
import { markNeedsAttention } from '../use-cases/needs-attention.js';

export const handler = stepHandler(FailedStepInputSchema, ({ caseId, error }) =>
  markNeedsAttention(caseId, error?.Error ?? 'UnknownError', {
    cases: deps.cases(),
    outbox: deps.outbox(),
    coordinatorEmail: setting.coordinatorEmail(),
    publicUrl: setting.publicUrl(),
    assignments: deps.assignments(),
    capacity: deps.capacity(),
  }),
);
