import { purposeKey, randomToken } from '../shared/crypto.js';
import { SigningSecretError } from '../shared/errors.js';

/**
 * The keys one version of the signing secret holds (DESIGN.md §7, "Keys"). Two parts, for two jobs:
 *
 * - `identity` derives what must stay the same for the life of a case: callback ids (a replayed step finds its
 *   own record) and the access token an `Idempotency-Key` retry gets again. It never changes: every version of
 *   the secret carries it over from the first, so ids and tokens made before keys rotated stay as they were.
 * - `link` signs links. It rotates: each version has its own, named by a key id (`kid`), and the key that signs
 *   is derived from it with HKDF under the purpose's label, so it serves nothing else.
 *
 * A version is JSON (`{"format":"concord-keys/1","identity","kid","link"}`). A plain string is the format from
 * before rotation: it is the identity, and it signs links without a key id, as links were signed then.
 */
export interface LinkKey {
  /** Absent: the plain secret from before rotation, whose links carry no key id. */
  kid?: string;
  key: Buffer;
}

export interface SecretKeys {
  identity: Buffer;
  link: LinkKey;
}

/** What the functions use: the key that signs new links, every key a link may be signed with, the identity. */
export interface KeyRing {
  current: LinkKey;
  /** The current version's link key and the previous version's. */
  accepted: readonly LinkKey[];
  identity: Buffer;
}

/** The HKDF label of the link-signing key: a key derived for one purpose serves only that purpose. */
export const LINK_KEY_LABEL = 'concord/link/v1';
export const SECRET_FORMAT = 'concord-keys/1';
export const KID_PATTERN = /^[A-Za-z0-9_-]{1,16}$/;
const MIN_SECRET_LENGTH = 32;

/** The steps Secrets Manager calls a rotation function with, in this order, one invocation each. */
export const ROTATION_STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;
export type RotationStep = (typeof ROTATION_STEPS)[number];

interface StoredVersion {
  format: typeof SECRET_FORMAT;
  identity: string;
  kid: string;
  link: string;
}

/** The stored format's fields, or undefined for a plain (pre-rotation) secret. */
function storedVersion(secret: string): StoredVersion | undefined {
  if (!secret.startsWith('{')) return undefined;
  let version: Partial<StoredVersion> | undefined;
  try {
    version = JSON.parse(secret) as Partial<StoredVersion>;
  } catch {
    // Refused below, as any other version not in the format.
  }
  const long = (value: unknown) => typeof value === 'string' && value.length >= MIN_SECRET_LENGTH;
  if (
    version?.format !== SECRET_FORMAT ||
    !long(version.identity) ||
    !long(version.link) ||
    typeof version.kid !== 'string' ||
    !KID_PATTERN.test(version.kid)
  )
    throw new SigningSecretError(`The signing secret is not in the ${SECRET_FORMAT} format`);
  return version as StoredVersion;
}

/** A plain secret, checked. */
function plainSecret(secret: string): string {
  if (secret.length < MIN_SECRET_LENGTH) throw new SigningSecretError('The signing secret is too short');
  return secret;
}

const linkKey = (secret: string): Buffer => purposeKey(Buffer.from(secret, 'utf8'), LINK_KEY_LABEL);

/** The keys of one version of the secret, as Secrets Manager hands it over. */
export function secretKeys(secret: string): SecretKeys {
  const version = storedVersion(secret);
  if (!version) {
    const key = Buffer.from(plainSecret(secret), 'utf8');
    return { identity: key, link: { key } };
  }
  return {
    identity: Buffer.from(version.identity, 'utf8'),
    link: { kid: version.kid, key: linkKey(version.link) },
  };
}

/** The ring of the current version and, when there is one, the previous. */
export function keyRing(current: string, previous?: string): KeyRing {
  const now = secretKeys(current);
  const before = previous === undefined ? [] : [secretKeys(previous).link];
  return { current: now.link, accepted: [now.link, ...before], identity: now.identity };
}

/** The next version of the secret: the same identity, a new link key under a new key id. */
export function nextSecretVersion(current: string): string {
  const identity = storedVersion(current)?.identity ?? plainSecret(current);
  const version: StoredVersion = {
    format: SECRET_FORMAT,
    identity,
    kid: randomToken(6),
    link: randomToken(48),
  };
  return JSON.stringify(version);
}

/** A first version for a new secret (the local stack's; on AWS the secret starts as a plain string). */
export const firstSecretVersion = (): string => nextSecretVersion(randomToken(48));

/**
 * Why `pending` may not follow `current`, or undefined when it may: it must be the stored format, keep the
 * identity (callback ids and access tokens depend on it) and sign under a key id of its own.
 */
export function nextVersionProblem(pending: string, current: string): string | undefined {
  try {
    const next = storedVersion(pending);
    if (!next) return `The pending version is not in the ${SECRET_FORMAT} format`;
    const now = secretKeys(current);
    if (!Buffer.from(next.identity, 'utf8').equals(now.identity))
      return 'The pending version changes the identity key';
    if (next.kid === now.link.kid) return 'The pending version reuses the current key id';
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
