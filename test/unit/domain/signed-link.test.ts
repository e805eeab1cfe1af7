import fc from 'fast-check';
import { callbackId, checkLink, signLink } from '../../../functions/domain/signed-link.js';

const KEY = Buffer.from('unit-test-signing-key-0123456789abcdef', 'utf8');
const OTHER_KEY = Buffer.from('another-signing-key-0123456789abcdefgh', 'utf8');
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

function split(sig: string): { expiry: string; mac: string } {
  const [expiry, mac] = sig.split('.');
  return { expiry: expiry!, mac: mac! };
}

describe('signLink / checkLink', () => {
  it('verifies a link it signed', () => {
    const sig = signLink(KEY, ID, PURPOSE, LATER);

    expect(checkLink(KEY, ID, PURPOSE, sig, NOW)).toBe('valid');
  });

  it('puts the expiry in clear, then a 256-bit base64url MAC', () => {
    const sig = signLink(KEY, ID, PURPOSE, LATER);

    expect(sig).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
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
          return checkLink(KEY, id, purpose, sig, NOW) === 'valid';
        },
      ),
    );
  });

  describe('tampering', () => {
    const sig = signLink(KEY, ID, PURPOSE, LATER);

    it('rejects the signature for another id', () => {
      expect(checkLink(KEY, flipChar(ID, 0), PURPOSE, sig, NOW)).toBe('bad-signature');
      expect(checkLink(KEY, `${ID}x`, PURPOSE, sig, NOW)).toBe('bad-signature');
    });

    it('rejects the signature for another purpose', () => {
      expect(checkLink(KEY, ID, 'assignments', sig, NOW)).toBe('bad-signature');
    });

    it('rejects a changed expiry, later or earlier', () => {
      const { mac } = split(sig);

      expect(checkLink(KEY, ID, PURPOSE, `${LATER + 1}.${mac}`, NOW)).toBe('bad-signature');
      expect(checkLink(KEY, ID, PURPOSE, `${LATER + 86_400 * 365}.${mac}`, NOW)).toBe('bad-signature');
      expect(checkLink(KEY, ID, PURPOSE, `${LATER - 1}.${mac}`, NOW)).toBe('bad-signature');
    });

    it('rejects a changed MAC, whichever character changes', () => {
      const { expiry, mac } = split(sig);
      for (const index of [0, 10, 21, 42]) {
        expect(checkLink(KEY, ID, PURPOSE, `${expiry}.${flipChar(mac, index)}`, NOW)).toBe('bad-signature');
      }
    });

    it('rejects a link signed with another key', () => {
      const forged = signLink(OTHER_KEY, ID, PURPOSE, LATER);

      expect(checkLink(KEY, ID, PURPOSE, forged, NOW)).toBe('bad-signature');
    });

    // The MAC covers the expiry's value, so only its canonical spelling is accepted.
    it('rejects an expiry written with a leading zero', () => {
      const { expiry, mac } = split(sig);

      expect(checkLink(KEY, ID, PURPOSE, `0${expiry}.${mac}`, NOW)).toBe('bad-signature');
    });
  });

  describe('malformed signatures', () => {
    const { expiry, mac } = split(signLink(KEY, ID, PURPOSE, LATER));

    it.each([
      ['missing', undefined],
      ['empty', ''],
      ['without a dot', `${expiry}${mac}`],
      ['with only the expiry', `${expiry}.`],
      ['with only the MAC', `.${mac}`],
      ['with a MAC one character short', `${expiry}.${mac.slice(1)}`],
      ['with a MAC one character long', `${expiry}.${mac}A`],
      ['with base64 padding', `${expiry}.${mac}=`],
      ['with standard-base64 characters', `${expiry}.+/${mac.slice(2)}`],
      ['with a non-ASCII character', `${expiry}.é${mac.slice(1)}`],
      ['with a negative expiry', `-${expiry}.${mac}`],
      ['with a fractional expiry', `${expiry}.5.${mac}`],
      ['with a hexadecimal expiry', `0x${Number(expiry).toString(16)}.${mac}`],
      ['with surrounding whitespace', ` ${expiry}.${mac} `],
      ['with a trailing newline', `${expiry}.${mac}\n`],
      ['with an absurdly long expiry', `${'9'.repeat(40)}.${mac}`],
      ['made of dots', '.'.repeat(50)],
    ])('rejects a signature %s', (_label, sig) => {
      expect(checkLink(KEY, ID, PURPOSE, sig, NOW)).toBe('bad-signature');
    });
  });

  describe('expiry', () => {
    it("answers 'expired' for a genuine link past its expiry", () => {
      const sig = signLink(KEY, ID, PURPOSE, NOW - 1);

      expect(checkLink(KEY, ID, PURPOSE, sig, NOW)).toBe('expired');
    });

    it('treats the expiry second itself as expired', () => {
      const sig = signLink(KEY, ID, PURPOSE, NOW);

      expect(checkLink(KEY, ID, PURPOSE, sig, NOW)).toBe('expired');
      expect(checkLink(KEY, ID, PURPOSE, sig, NOW - 1)).toBe('valid');
    });

    it("answers 'bad-signature', not 'expired', for a past expiry with a wrong MAC", () => {
      const { mac } = split(signLink(KEY, ID, PURPOSE, NOW - 1));

      expect(checkLink(KEY, ID, PURPOSE, `${NOW - 1}.${flipChar(mac, 5)}`, NOW)).toBe('bad-signature');
      expect(checkLink(KEY, ID, PURPOSE, signLink(OTHER_KEY, ID, PURPOSE, NOW - 1), NOW)).toBe(
        'bad-signature',
      );
    });
  });
});

describe('callbackId', () => {
  const base = () => callbackId(KEY, CASE_ID, 'approval', 'coverage', 1);

  it('is the same for the same case, kind, purpose and round', () => {
    expect(callbackId(KEY, CASE_ID, 'approval', 'coverage', 1)).toBe(base());
  });

  it.each([
    [
      'another case',
      () => callbackId(KEY, '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', 'approval', 'coverage', 1),
    ],
    ['another kind', () => callbackId(KEY, CASE_ID, 'assignment', 'coverage', 1)],
    ['another purpose', () => callbackId(KEY, CASE_ID, 'approval', 'match', 1)],
    ['another round', () => callbackId(KEY, CASE_ID, 'approval', 'coverage', 2)],
    ['another key', () => callbackId(OTHER_KEY, CASE_ID, 'approval', 'coverage', 1)],
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
        ids.add(callbackId(KEY, caseId, 'approval', 'coverage', round));
    }

    expect(ids.size).toBe(60);
  });

  it('is not a valid link signature for the same inputs (callback ids and MACs are domain-separated)', () => {
    const id = base();

    expect(checkLink(KEY, CASE_ID, 'approval', `${LATER}.${id}`, NOW)).toBe('bad-signature');
  });
});
