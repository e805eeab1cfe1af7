import * as z from 'zod/mini';
import { ROTATION_STEPS } from '../domain/signing-keys.js';

/** What Secrets Manager invokes a rotation function with (fields it may add are dropped). */
export const RotationEventSchema = /* @__PURE__ */ z.lazy(() =>
  z.object({
    SecretId: z.string().check(z.minLength(1), z.maxLength(2048)),
    /** The version being rotated in: Secrets Manager's ClientRequestToken, a UUID. */
    ClientRequestToken: z.string().check(z.regex(/^[A-Za-z0-9-]{32,64}$/)),
    Step: z.enum(ROTATION_STEPS),
  }),
);
