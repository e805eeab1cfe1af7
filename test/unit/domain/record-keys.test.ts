import fc from 'fast-check';
import { RECORD_ID } from '../../../functions/domain/ids.js';
import {
  isIssuedRecordId,
  issueRecordId,
  parseRecordKey,
  recordIdKey,
  recordKey,
} from '../../../functions/domain/record-keys.js';
import { RECORD_TYPES } from '../../../functions/domain/records.js';

const CASE_ID = '4f1c2b8e-7d3a-4e52-9c61-0a8b7e6d5c4f';
const KEY = recordIdKey(Buffer.from('record-keys-test-secret-0123456789'));
const ISSUED = issueRecordId(KEY, CASE_ID, 'imaging');

describe('recordKey / parseRecordKey', () => {
  it('lays keys out as cases/<caseId>/records/<type>/<recordId>, with no file name in them', () => {
    expect(recordKey(CASE_ID, 'lab-results', ISSUED)).toBe(`cases/${CASE_ID}/records/lab-results/${ISSUED}`);
  });

  it('round-trips every type with any case and issued id', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.constantFrom(...RECORD_TYPES), (caseId, type) => {
        const recordId = issueRecordId(KEY, caseId, type);
        expect(parseRecordKey(recordKey(caseId, type, recordId))).toEqual({ caseId, type, recordId });
      }),
    );
  });

  it.each([
    ['an object outside the records layout', `uploads/${CASE_ID}/${ISSUED}`],
    ['an unknown record type', `cases/${CASE_ID}/records/x-rays/${ISSUED}`],
    ['a file name instead of a record id', `cases/${CASE_ID}/records/imaging/scan.pdf`],
    ['a record id of the old shape (a UUID)', `cases/${CASE_ID}/records/imaging/${CASE_ID}`],
    ['an extra path segment', `cases/${CASE_ID}/records/imaging/${ISSUED}/more`],
    ['a leading slash', `/cases/${CASE_ID}/records/imaging/${ISSUED}`],
    ['a missing record id', `cases/${CASE_ID}/records/imaging/`],
    ['a missing case id', `cases//records/imaging/${ISSUED}`],
    ['a case id that is not a UUID', `cases/${'a'.repeat(36)}/records/imaging/${ISSUED}`],
    ['a 2 KB case id', `cases/${'a'.repeat(2048)}/records/imaging/${ISSUED}`],
    ['a traversal in the record id', `cases/${CASE_ID}/records/imaging/..`],
    ['the bucket root', ''],
  ])('rejects %s', (_name, key) => {
    expect(parseRecordKey(key)).toBeUndefined();
  });
});

describe('issued record ids', () => {
  it('are 44 base64url characters, a fresh one each time', () => {
    const ids = Array.from({ length: 50 }, () => issueRecordId(KEY, CASE_ID, 'imaging'));

    for (const id of ids) expect(id).toMatch(RECORD_ID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('prove themselves for their case and type, under the key that issued them', () => {
    const parts = { caseId: CASE_ID, type: 'imaging' as const, recordId: ISSUED };

    expect(isIssuedRecordId(KEY, parts)).toBe(true);
    expect(isIssuedRecordId(KEY, { ...parts, type: 'other' })).toBe(false);
    expect(isIssuedRecordId(KEY, { ...parts, caseId: '4f1c2b8e-7d3a-4e52-9c61-0a8b7e6d5c40' })).toBe(false);
    expect(isIssuedRecordId(recordIdKey(Buffer.from('another secret')), parts)).toBe(false);
  });

  it('fail with any character of the proof changed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 22, max: 43 }), (at) => {
        const changed = ISSUED.slice(0, at) + (ISSUED[at] === 'A' ? 'B' : 'A') + ISSUED.slice(at + 1);
        expect(isIssuedRecordId(KEY, { caseId: CASE_ID, type: 'imaging', recordId: changed })).toBe(false);
      }),
    );
  });

  it('use a key derived for this purpose, not the link-signing secret itself', () => {
    const secret = Buffer.from('record-keys-test-secret-0123456789');

    expect(recordIdKey(secret).equals(secret)).toBe(false);
    expect(recordIdKey(secret)).toHaveLength(32);
  });
});
