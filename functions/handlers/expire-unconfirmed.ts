import { stepHandler } from '../middleware/step-handler.js';
import { ScheduleInputSchema } from '../schemas/steps.js';
import { expireUnconfirmed } from '../use-cases/expire-unconfirmed.js';
import { expiryDeps } from '../wiring/deps.js';

/** On a schedule (EventBridge on AWS, a timer locally): deletes the intakes whose confirmation time ran out. */
export const handler = stepHandler(ScheduleInputSchema, () => expireUnconfirmed(expiryDeps()));
