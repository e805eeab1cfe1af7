import { CallbackStepInputSchema } from '../schemas/steps.js';
import { waitDeps } from '../wiring/deps.js';
import { stepHandler } from '../middleware/step-handler.js';
import { requestCallback } from '../use-cases/callbacks.js';
import { PRESENTERS } from '../use-cases/presenters.js';

/** The generic callback step (`lambda:invoke.waitForTaskToken`). */
export const handler = stepHandler(CallbackStepInputSchema, ({ taskToken, timeoutSeconds, ...ref }) =>
  requestCallback(ref, { taskToken, timeoutSeconds }, PRESENTERS[ref.kind], waitDeps()),
);
