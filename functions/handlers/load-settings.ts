import { CaseStepInputSchema } from '../schemas/steps.js';
import { config } from '../shared/config.js';
import * as deps from '../wiring/deps.js';
import { stepHandler } from '../middleware/step-handler.js';
import { loadSettings } from '../use-cases/load-settings.js';

/** Puts the case's waiting times into the execution, where TimeoutSecondsPath reads them. */
export const handler = stepHandler(CaseStepInputSchema, ({ caseId }) =>
  loadSettings(caseId, deps.cases(), config()),
);
