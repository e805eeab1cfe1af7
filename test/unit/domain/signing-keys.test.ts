import { hkdfSync } from 'node:crypto';
import {
  firstSecretVersion,
  keyRing,
  LINK_KEY_LABEL,
  nextSecretVersion,
  nextVersionProblem,
  SECRET_FORMAT,
  secretKeys,
} from '../../../functions/domain/signing-keys.js';
import { SigningSecretError } from '../../../functions/shared/errors.js';

/** A secret as CDK generates it (64 letters and digits): every deployment's first version. */
const PLAIN = 'aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9fG1hJ3kL5mN7pQ9rS1tU3v';

describe('secretKeys', () => {
  it('reads a plain secret as it was used before rotation: identity and link key both, no key id', () => {
    const keys = secretKeys(PLAIN);

    expect(keys.identity).toEqual(Buffer.from(PLAIN, 'utf8'));
    expect(keys.link).toEqual({ key: Buffer.from(PLAIN, 'utf8') });
  });

  it('derives the link key of a stored version with HKDF under the link label, apart from its identity', () => {
    const version = JSON.parse(nextSecretVersion(PLAIN)) as { kid: string; link: string; identity: string };

    const keys = secretKeys(JSON.stringify(version));

    expect(keys.identity).toEqual(Buffer.from(PLAIN, 'utf8'));
    expect(keys.link.kid).toBe(version.kid);
    expect(keys.link.key).toEqual(
      Buffer.from(hkdfSync('sha256', Buffer.from(version.link), Buffer.alloc(0), LINK_KEY_LABEL, 32)),
    );
    expect(keys.link.key.equals(Buffer.from(version.link))).toBe(false);
    expect(keys.link.key.equals(keys.identity)).toBe(false);
  });

  it.each([
    ['too short a plain secret', 'short'],
    ['JSON that does not parse', '{"format":'],
    ['another format', JSON.stringify({ format: 'other/1', identity: PLAIN, kid: 'k1', link: PLAIN })],
    ['a missing link', JSON.stringify({ format: SECRET_FORMAT, identity: PLAIN, kid: 'k1' })],
    ['a short identity', JSON.stringify({ format: SECRET_FORMAT, identity: 'x', kid: 'k1', link: PLAIN })],
    [
      'a key id of other characters',
      JSON.stringify({ format: SECRET_FORMAT, identity: PLAIN, kid: 'k.1', link: PLAIN }),
    ],
  ])('refuses %s with SigningSecretError, quoting nothing of it', (_label, secret) => {
    expect(() => secretKeys(secret)).toThrow(SigningSecretError);
    try {
      secretKeys(secret);
    } catch (error) {
      expect((error as Error).message).not.toContain(PLAIN);
    }
  });
});

describe('nextSecretVersion', () => {
  it('keeps the identity through any number of rotations, with a new link key and key id each time', () => {
    const versions = [PLAIN];
    for (let i = 0; i < 5; i++) versions.push(nextSecretVersion(versions.at(-1)!));

    const keys = versions.map(secretKeys);

    for (const { identity } of keys) expect(identity).toEqual(Buffer.from(PLAIN, 'utf8'));
    const kids = keys.slice(1).map((k) => k.link.kid);
    expect(new Set(kids).size).toBe(5);
    const links = keys.map((k) => k.link.key.toString('hex'));
    expect(new Set(links).size).toBe(6);
  });

  it('gives a new secret an identity of its own', () => {
    expect(secretKeys(firstSecretVersion()).identity.equals(secretKeys(firstSecretVersion()).identity)).toBe(
      false,
    );
  });
});

describe('keyRing', () => {
  it('signs with the current version and accepts the current and the previous', () => {
    const current = nextSecretVersion(PLAIN);

    const ring = keyRing(current, PLAIN);

    expect(ring.current).toEqual(secretKeys(current).link);
    expect(ring.accepted).toEqual([secretKeys(current).link, secretKeys(PLAIN).link]);
    expect(ring.identity).toEqual(Buffer.from(PLAIN, 'utf8'));
  });

  it('accepts the current version alone before any rotation', () => {
    expect(keyRing(PLAIN).accepted).toEqual([secretKeys(PLAIN).link]);
  });
});

describe('nextVersionProblem', () => {
  const CURRENT = nextSecretVersion(PLAIN);

  it('finds none in a version made by nextSecretVersion', () => {
    expect(nextVersionProblem(nextSecretVersion(PLAIN), PLAIN)).toBeUndefined();
  });

  it.each([
    ['a plain string', () => PLAIN],
    ['a changed identity', () => nextSecretVersion(firstSecretVersion())],
    ['the current key id again', () => JSON.stringify({ ...JSON.parse(CURRENT), link: PLAIN })],
    ['something unreadable', () => '{oops'],
  ])('names what is wrong with %s', (_label, pending) => {
    expect(nextVersionProblem(pending(), CURRENT)).toEqual(expect.any(String));
  });
});
