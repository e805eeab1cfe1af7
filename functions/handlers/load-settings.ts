import { CaseStepInputSchema } from '../schemas/steps.js';
import { config } from '../shared/config.js';
import { stepHandler } from '../shared/step.js';

/** Puts the configured waiting times into the execution, where TimeoutSecondsPath reads them. */
export const handler = stepHandler(CaseStepInputSchema, async () => ({
  approvalTimeoutSeconds: config().approvalTimeoutSeconds,
}));
