import { CallbackRefSchema } from '../schemas/steps.js';
import { waitDeps } from '../wiring/deps.js';
import { stepHandler } from '../middleware/step-handler.js';
import { callbackTimedOut } from '../use-cases/callbacks.js';
import { PRESENTERS } from '../use-cases/presenters.js';

export const handler = stepHandler(CallbackRefSchema, (ref) =>
  callbackTimedOut(ref, PRESENTERS[ref.kind], waitDeps()),
);
