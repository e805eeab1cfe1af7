import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { callbackId, checkLink, signLink } from '../../../functions/domain/signed-link.js';
import type { LinkKey } from '../../../functions/domain/signing-keys.js';

const KEY_BYTES = Buffer.from('unit-test-signing-key-0123456789abcdef', 'utf8');
const OTHER_KEY_BYTES = Buffer.from('another-signing-key-0123456789abcdefgh', 'utf8');
/** A rotated-in key (with its key id), and the plain secret's from before rotation (none). */
const KEY: LinkKey = { kid: 'k1', key: KEY_BYTES };
const OTHER_KEY: LinkKey = { kid: 'k1', key: OTHER_KEY_BYTES };
const LEGACY: LinkKey = { key: KEY_BYTES };
const RING = [KEY];
const ID = 'Qm9ndXMtY2FsbGJhY2staWQtMDAwMDAwMDA';
const PURPOSE = 'approvals';
const NOW = 1_800_000_000;
const LATER = NOW + 3600;
const CASE_ID = '4f1c2b8e-7d3a-4e52-9c61-0a8b7e6d5c4f';

/** Replaces the character at `index` with a different base64url character. */
function flipChar(value: string, index: number): string {
  const replacement = value[index] === 'A' ? 'B' : 'A';
  return value.slice(0, index) + replacement + value.slice(index + 1);
}

/** A signature's parts: `<kid>.<expiry>.<mac>`. */
function split(sig: string): { expiry: string; mac: string } {
  const [kid, expiry, mac] = sig.split('.');
  expect(kid).toBe(KEY.kid);
  return { expiry: expiry!, mac: mac! };
}

describe('signLink / checkLink', () => {
  it('verifies a link it signed', () => {
    const sig = signLink(KEY, ID, PURPOSE, LATER);

    expect(checkLink(RING, ID, PURPOSE, sig, NOW)).toBe('valid');
  });

  it('puts the key id and the expiry in clear, then a 256-bit base64url MAC', () => {
    const sig = signLink(KEY, ID, PURPOSE, LATER);

    expect(sig).toMatch(/^k1\.\d+\.[A-Za-z0-9_-]{43}$/);
    expect(split(sig).expiry).toBe(String(LATER));
  });

  it('round-trips for any id, purpose and future expiry', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 64 }),
        fc.constantFrom('approvals', 'assignments', 'prior-authorizations'),
        fc.integer({ min: NOW + 1, max: 999_999_999_999 }),
        (id, purpose, expiresAt) => {
          const sig = signLink(KEY, id, purpose, expiresAt);
          return checkLink(RING, id, purpose, sig, NOW) === 'valid';
        },
      ),
    );
  });

  describe('tampering', () => {
    const sig = signLink(KEY, ID, PURPOSE, LATER);

    it('rejects the signature for another id', () => {
      expect(checkLink(RING, flipChar(ID, 0), PURPOSE, sig, NOW)).toBe('bad-signature');
      expect(checkLink(RING, `${ID}x`, PURPOSE, sig, NOW)).toBe('bad-signature');
    });

    it('rejects the signature for another purpose', () => {
      expect(checkLink(RING, ID, 'assignments', sig, NOW)).toBe('bad-signature');
    });

    it('rejects a changed expiry, later or earlier', () => {
      const { mac } = split(sig);

      expect(checkLink(RING, ID, PURPOSE, `k1.${LATER + 1}.${mac}`, NOW)).toBe('bad-signature');
      expect(checkLink(RING, ID, PURPOSE, `k1.${LATER + 86_400 * 365}.${mac}`, NOW)).toBe('bad-signature');
      expect(checkLink(RING, ID, PURPOSE, `k1.${LATER - 1}.${mac}`, NOW)).toBe('bad-signature');
    });

    it('rejects a changed MAC, whichever character changes', () => {
      const { expiry, mac } = split(sig);
      for (const index of [0, 10, 21, 42]) {
        expect(checkLink(RING, ID, PURPOSE, `k1.${expiry}.${flipChar(mac, index)}`, NOW)).toBe(
          'bad-signature',
        );
      }
    });

    it('rejects a link signed with another key', () => {
      const forged = signLink(OTHER_KEY, ID, PURPOSE, LATER);

      expect(checkLink(RING, ID, PURPOSE, forged, NOW)).toBe('bad-signature');
    });

    // The MAC covers the expiry's value, so only its canonical spelling is accepted.
    it('rejects an expiry written with a leading zero', () => {
      const { expiry, mac } = split(sig);

      expect(checkLink(RING, ID, PURPOSE, `k1.0${expiry}.${mac}`, NOW)).toBe('bad-signature');
    });
  });

  describe('malformed signatures', () => {
    const { expiry, mac } = split(signLink(KEY, ID, PURPOSE, LATER));

    it.each([
      ['missing', undefined],
      ['empty', ''],
      ['without a dot', `k1.${expiry}${mac}`],
      ['with only the expiry', `k1.${expiry}.`],
      ['with only the MAC', `k1..${mac}`],
      ['with a MAC one character short', `k1.${expiry}.${mac.slice(1)}`],
      ['with a MAC one character long', `k1.${expiry}.${mac}A`],
      ['with base64 padding', `k1.${expiry}.${mac}=`],
      ['with standard-base64 characters', `k1.${expiry}.+/${mac.slice(2)}`],
      ['with a non-ASCII character', `k1.${expiry}.é${mac.slice(1)}`],
      ['with a negative expiry', `k1.-${expiry}.${mac}`],
      ['with a fractional expiry', `k1.${expiry}.5.${mac}`],
      ['with a hexadecimal expiry', `k1.0x${Number(expiry).toString(16)}.${mac}`],
      ['with surrounding whitespace', ` k1.${expiry}.${mac} `],
      ['with a trailing newline', `k1.${expiry}.${mac}\n`],
      ['with an absurdly long expiry', `k1.${'9'.repeat(40)}.${mac}`],
      ['with an absurdly long key id', `${'k'.repeat(17)}.${expiry}.${mac}`],
      ['with a key id of other characters', `k!.${expiry}.${mac}`],
      ['made of dots', '.'.repeat(50)],
    ])('rejects a signature %s', (_label, sig) => {
      expect(checkLink(RING, ID, PURPOSE, sig, NOW)).toBe('bad-signature');
    });
  });

  describe('expiry', () => {
    it("answers 'expired' for a genuine link past its expiry", () => {
      const sig = signLink(KEY, ID, PURPOSE, NOW - 1);

      expect(checkLink(RING, ID, PURPOSE, sig, NOW)).toBe('expired');
    });

    it('treats the expiry second itself as expired', () => {
      const sig = signLink(KEY, ID, PURPOSE, NOW);

      expect(checkLink(RING, ID, PURPOSE, sig, NOW)).toBe('expired');
      expect(checkLink(RING, ID, PURPOSE, sig, NOW - 1)).toBe('valid');
    });

    it("answers 'bad-signature', not 'expired', for a past expiry with a wrong MAC", () => {
      const { mac } = split(signLink(KEY, ID, PURPOSE, NOW - 1));

      expect(checkLink(RING, ID, PURPOSE, `k1.${NOW - 1}.${flipChar(mac, 5)}`, NOW)).toBe('bad-signature');
      expect(checkLink(RING, ID, PURPOSE, signLink(OTHER_KEY, ID, PURPOSE, NOW - 1), NOW)).toBe(
        'bad-signature',
      );
    });
  });
});

describe('keys that rotate', () => {
  const NEW_KEY: LinkKey = { kid: 'k2', key: OTHER_KEY_BYTES };

  it('verifies a link with whichever accepted key its key id names', () => {
    const before = signLink(KEY, ID, PURPOSE, LATER);
    const after = signLink(NEW_KEY, ID, PURPOSE, LATER);

    expect(checkLink([NEW_KEY, KEY], ID, PURPOSE, before, NOW)).toBe('valid');
    expect(checkLink([NEW_KEY, KEY], ID, PURPOSE, after, NOW)).toBe('valid');
  });

  it("answers 'unknown-key' for a key id not among the accepted keys, and checks nothing further", () => {
    const after = signLink(NEW_KEY, ID, PURPOSE, LATER);

    expect(checkLink([KEY], ID, PURPOSE, after, NOW)).toBe('unknown-key');
    expect(checkLink([KEY], ID, PURPOSE, `k9.${LATER}.${'A'.repeat(43)}`, NOW)).toBe('unknown-key');
  });

  it('binds the key id into the MAC: a signature moved to another key id does not verify', () => {
    const { expiry, mac } = split(signLink(KEY, ID, PURPOSE, LATER));
    const sameBytes: LinkKey = { kid: 'k2', key: KEY_BYTES };

    expect(checkLink([sameBytes], ID, PURPOSE, `k2.${expiry}.${mac}`, NOW)).toBe('bad-signature');
  });

  describe('links emailed before keys rotated (no key id)', () => {
    // What signLink wrote before keys had ids: `<expiry>.<HMAC(secret, link:<purpose>:<id>:<expiry>)>`.
    const legacySig = (expiresAt: number) =>
      `${expiresAt}.${createHmac('sha256', KEY_BYTES).update(`link:${PURPOSE}:${ID}:${expiresAt}`).digest('base64url')}`;

    it('are still signed the same way by the plain secret', () => {
      expect(signLink(LEGACY, ID, PURPOSE, LATER)).toBe(legacySig(LATER));
    });

    it('verify while the plain secret is the current or the previous version, until they expire', () => {
      expect(checkLink([LEGACY], ID, PURPOSE, legacySig(LATER), NOW)).toBe('valid');
      expect(checkLink([KEY, LEGACY], ID, PURPOSE, legacySig(LATER), NOW)).toBe('valid');
      expect(checkLink([KEY, LEGACY], ID, PURPOSE, legacySig(NOW), NOW)).toBe('expired');
    });

    it('name no key once the plain secret is no longer accepted (two rotations on)', () => {
      expect(checkLink([NEW_KEY, KEY], ID, PURPOSE, legacySig(LATER), NOW)).toBe('unknown-key');
    });

    it('do not verify with a key id added, nor a rotated link with its key id taken away', () => {
      const { mac } = split(signLink(KEY, ID, PURPOSE, LATER));

      expect(checkLink([KEY, LEGACY], ID, PURPOSE, `k1.${legacySig(LATER)}`, NOW)).toBe('bad-signature');
      expect(checkLink([KEY, LEGACY], ID, PURPOSE, `${LATER}.${mac}`, NOW)).toBe('bad-signature');
    });
  });
});

describe('callbackId', () => {
  const base = () => callbackId(KEY_BYTES, CASE_ID, 'approval', 'coverage', 1);

  it('is the same for the same case, kind, purpose and round', () => {
    expect(callbackId(KEY_BYTES, CASE_ID, 'approval', 'coverage', 1)).toBe(base());
  });

  it.each([
    [
      'another case',
      () => callbackId(KEY_BYTES, '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', 'approval', 'coverage', 1),
    ],
    ['another kind', () => callbackId(KEY_BYTES, CASE_ID, 'assignment', 'coverage', 1)],
    ['another purpose', () => callbackId(KEY_BYTES, CASE_ID, 'approval', 'match', 1)],
    ['another round', () => callbackId(KEY_BYTES, CASE_ID, 'approval', 'coverage', 2)],
    ['another key', () => callbackId(OTHER_KEY_BYTES, CASE_ID, 'approval', 'coverage', 1)],
  ])('differs for %s', (_label, other) => {
    expect(other()).not.toBe(base());
  });

  it('is 32 base64url characters: 192 bits, above the 128 the design asks for', () => {
    const id = base();

    expect(id).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(id.length * 6).toBeGreaterThanOrEqual(128);
  });

  it('does not reveal the case id', () => {
    const id = base();

    expect(id).not.toContain(CASE_ID);
    for (const part of CASE_ID.split('-')) expect(id).not.toContain(part);
  });

  it('gives distinct ids across many rounds and cases', () => {
    const ids = new Set<string>();
    for (let round = 1; round <= 20; round++) {
      for (const caseId of [CASE_ID, 'case-a', 'case-b'])
        ids.add(callbackId(KEY_BYTES, caseId, 'approval', 'coverage', round));
    }

    expect(ids.size).toBe(60);
  });

  it('is not a valid link signature for the same inputs (callback ids and MACs are domain-separated)', () => {
    const id = base();

    expect(checkLink([LEGACY], CASE_ID, 'approval', `${LATER}.${id}`, NOW)).toBe('bad-signature');
    expect(checkLink(RING, CASE_ID, 'approval', `k1.${LATER}.${id}`, NOW)).toBe('bad-signature');
  });
});
