import type { Secrets } from '../domain/ports.js';
import { checkLink, signLink } from '../domain/signed-link.js';
import { ForbiddenError } from '../shared/errors.js';

/**
 * Signing and verifying links with the keys Secrets Manager holds (domain/signing-keys.ts): every use of a
 * signed link goes through these two, so each signs with the current key and accepts the current and the
 * previous one.
 */

/** The `sig` of the link to `<purpose>/<id>`, valid until `expiresAt` (epoch seconds). */
export async function linkSignature(
  secrets: Secrets,
  id: string,
  purpose: string,
  expiresAt: number,
): Promise<string> {
  return signLink((await secrets.keys()).current, id, purpose, expiresAt);
}

/**
 * Checks a link's `sig` before anything is read: a bad signature is a 403. Answers whether the link has
 * expired (the caller says so with a 410 at the point the contract puts it). A signature naming a key the
 * function has not seen reads the keys once more: it may have rotated in since they were read.
 */
export async function verifyLinkSignature(
  secrets: Secrets,
  id: string,
  purpose: string,
  sig: string | undefined,
): Promise<{ expired: boolean }> {
  const now = Math.floor(Date.now() / 1000);
  let check = checkLink((await secrets.keys()).accepted, id, purpose, sig, now);
  if (check === 'unknown-key') check = checkLink((await secrets.reload()).accepted, id, purpose, sig, now);
  if (check !== 'valid' && check !== 'expired')
    throw new ForbiddenError(
      'This link is not valid: part of it may be missing or changed (copy the whole link from the email)',
    );
  return { expired: check === 'expired' };
}

/** The key deriving callback ids and idempotent access tokens: the same before and after every rotation. */
export async function identityKey(secrets: Secrets): Promise<Buffer> {
  return (await secrets.keys()).identity;
}
