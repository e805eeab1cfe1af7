import type { SecretVersions } from '../domain/ports.js';
import { nextSecretVersion, nextVersionProblem, type RotationStep } from '../domain/signing-keys.js';
import { SigningSecretError } from '../shared/errors.js';
import { logger } from '../shared/logger.js';

const CURRENT = 'AWSCURRENT';
const PENDING = 'AWSPENDING';

/**
 * One step of rotating the signing secret (Secrets Manager's rotation contract, as its Lambda templates
 * implement it): `token` names the version being rotated in. Every step is safe to repeat, since Secrets
 * Manager retries a step that fails: a version already stored is kept, one already current is left alone.
 *
 * - createSecret: stores the next version (same identity, new link key and key id) as AWSPENDING.
 * - setSecret: nothing; no other system holds the key.
 * - testSecret: the pending version must be readable, keep the identity and name a key id of its own.
 * - finishSecret: moves AWSCURRENT to it; Secrets Manager labels the version before it AWSPREVIOUS, which the
 *   functions keep accepting, so a link signed just before still verifies.
 */
export async function rotateSigningKey(
  step: RotationStep,
  token: string,
  versions: SecretVersions,
): Promise<void> {
  const { rotationEnabled, stages } = await versions.describe();
  if (!rotationEnabled) throw new SigningSecretError('Rotation is not enabled on the signing secret');
  const labels = stages[token];
  if (!labels) throw new SigningSecretError(`The signing secret has no version ${token} to rotate in`);
  if (labels.includes(CURRENT)) return;
  if (!labels.includes(PENDING))
    throw new SigningSecretError(`Version ${token} of the signing secret is not pending rotation`);
  logger.info('Rotating the signing secret', { step, versionId: token });
  if (step === 'createSecret') await createPending(token, versions);
  if (step === 'testSecret') await testPending(token, versions);
  if (step === 'finishSecret') await finish(token, stages, versions);
}

async function current(versions: SecretVersions): Promise<string> {
  const value = await versions.value({ stage: CURRENT });
  if (value === undefined) throw new SigningSecretError('The signing secret has no current version');
  return value;
}

async function createPending(token: string, versions: SecretVersions): Promise<void> {
  const [now, pending] = await Promise.all([
    current(versions),
    versions.value({ versionId: token, stage: PENDING }),
  ]);
  if (pending === undefined) await versions.putPending(token, nextSecretVersion(now));
}

async function testPending(token: string, versions: SecretVersions): Promise<void> {
  const [now, pending] = await Promise.all([
    current(versions),
    versions.value({ versionId: token, stage: PENDING }),
  ]);
  if (pending === undefined)
    throw new SigningSecretError(`Version ${token} of the signing secret has no value`);
  const problem = nextVersionProblem(pending, now);
  if (problem) throw new SigningSecretError(problem);
}

async function finish(
  token: string,
  stages: Record<string, string[]>,
  versions: SecretVersions,
): Promise<void> {
  const from = Object.keys(stages).find((versionId) => stages[versionId]!.includes(CURRENT));
  if (!from) throw new SigningSecretError('The signing secret has no current version');
  await versions.promote(token, from);
}
