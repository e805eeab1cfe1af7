import { stepHandler } from '../middleware/step-handler.js';
import { RotationEventSchema } from '../schemas/rotation.js';
import { rotateSigningKey } from '../use-cases/rotate-signing-key.js';
import { secretVersions } from '../wiring/deps.js';

/** The signing secret's rotation function: Secrets Manager invokes it once per step (locally: `npm run rotate-key`). */
export const handler = stepHandler(RotationEventSchema, ({ SecretId, ClientRequestToken, Step }) =>
  rotateSigningKey(Step, ClientRequestToken, secretVersions(SecretId)),
);
