import { SERVICE_PROVIDER } from '../domain/claim.js';
import { CaseStepInputSchema } from '../schemas/steps.js';
import * as deps from '../wiring/deps.js';
import { stepHandler } from '../middleware/step-handler.js';
import { sendClaimNotice } from '../use-cases/claim-notice.js';

export const handler = stepHandler(CaseStepInputSchema, ({ caseId }) =>
  sendClaimNotice(caseId, {
    cases: deps.cases(),
    directory: deps.directory(),
    outbox: deps.outbox(),
    providerName: SERVICE_PROVIDER.name,
  }),
);
