import type * as z from 'zod/mini';
import {
  ApprovalAnswerSchema,
  AssignmentAnswerSchema,
  PriorAuthorizationAnswerSchema,
} from '../../../functions/schemas/decisions.js';
import { SeedFileSchema } from '../../../functions/schemas/directory.js';
import { IntakeSchema } from '../../../functions/schemas/intake.js';
import { OpinionSchema } from '../../../functions/schemas/opinion.js';
import { RecordRequestSchema } from '../../../functions/schemas/records.js';
import { HIDDEN_CHARACTERS_MESSAGE } from '../../../functions/schemas/common.js';
import { ValidationError } from '../../../functions/shared/errors.js';
import { parseOrThrow } from '../../../functions/shared/validation.js';
import { payer } from '../../support/case-records.js';
import { exampleIntake } from '../../support/intake.js';
import { specialist } from '../../support/specialists.js';

type Json = Record<string, unknown>;

const OPINION = {
  diagnosisAssessment: 'more-tests-needed',
  icd10: 'C50.911',
  stage: 'IIB',
  treatmentPlan: [{ modality: 'chemotherapy' }],
  clinicalTrials: [{ id: 'NCT01234567', title: 'Neoadjuvant trial' }],
  answers: [{ question: 'Should I have chemotherapy before surgery?', answer: 'Yes.' }],
  rationale: 'Tumour size favours neoadjuvant therapy.',
  references: ['NCCN Breast Cancer v4.2026'],
  testsNeeded: [{ type: 'genetic-testing', description: 'BRCA1/2 panel' }],
};

/** Each free-text field people or programs send, with a valid body around it; `lines`: may span lines. */
const FIELDS: Array<{ of: string; schema: z.ZodMiniType; body: () => Json; path: string; lines: boolean }> = [
  ...[
    'patient.firstName',
    'patient.lastName',
    'referringPhysician.name',
    'referringPhysician.organization',
  ].map((path) => ({
    of: 'intake',
    schema: IntakeSchema,
    body: () => exampleIntake() as Json,
    path,
    lines: false,
  })),
  ...['firstOpinion.physicianName', 'firstOpinion.organization'].map((path) => ({
    of: 'intake',
    schema: IntakeSchema,
    body: () => exampleIntake() as Json,
    path,
    lines: false,
  })),
  {
    of: 'intake',
    schema: IntakeSchema,
    body: () => exampleIntake() as Json,
    path: 'questions.0',
    lines: true,
  },
  ...(
    [
      ['approval', ApprovalAnswerSchema, { decision: 'approve', comment: 'ok' }],
      [
        'prior authorization',
        PriorAuthorizationAnswerSchema,
        { decision: 'approved', reference: 'PA-1', comment: 'ok' },
      ],
      ['assignment decline', AssignmentAnswerSchema, { decision: 'decline', comment: 'ok' }],
    ] as const
  ).map(([of, schema, body]) => ({ of, schema, body: () => ({ ...body }), path: 'comment', lines: true })),
  ...[
    ['clinicalTrials.0.title', false],
    ['answers.0.question', true],
    ['answers.0.answer', true],
    ['rationale', true],
    ['references.0', false],
    ['testsNeeded.0.description', true],
  ].map(([path, lines]) => ({
    of: 'opinion',
    schema: OpinionSchema,
    body: () => structuredClone(OPINION) as Json,
    path: path as string,
    lines: lines as boolean,
  })),
  {
    of: 'record announcement',
    schema: RecordRequestSchema,
    body: () => ({ type: 'imaging', fileName: 'scan.pdf', contentType: 'application/pdf', sizeBytes: 10 }),
    path: 'fileName',
    lines: false,
  },
  ...['payers.0.name', 'specialists.0.name', 'specialists.0.organization'].map((path) => ({
    of: 'directory',
    schema: SeedFileSchema,
    body: () => ({ payers: [payer('acme-health')], specialists: [specialist('s-001')] }) as Json,
    path,
    lines: false,
  })),
];

function withValue(body: Json, path: string, value: string): Json {
  const keys = path.split('.');
  const last = keys.pop()!;
  let node: Json = body;
  for (const key of keys) node = node[key] as Json;
  node[last] = value;
  return body;
}

function valueAt(body: unknown, path: string): unknown {
  return path.split('.').reduce((node, key) => (node as Json)[key], body);
}

function errorsOf(schema: z.ZodMiniType, body: unknown) {
  try {
    parseOrThrow(schema, body, 'body');
  } catch (error) {
    if (error instanceof ValidationError) return error.errors;
    throw error;
  }
  return [];
}

/** Text that reads otherwise than it is stored, or hides controls (issue 20 §2). */
const HOSTILE: Array<[string, string]> = [
  ['a right-to-left override', 'scan\u202efdp.exe'],
  ['a left-to-right override', 'Ana\u202dSilva'],
  ['a right-to-left embedding', 'Ana\u202bSilva\u202c'],
  ['a first-strong isolate', 'Ana\u2068Silva\u2069'],
  ['a right-to-left isolate', 'report\u2067fdp.\u2069exe'],
  ['a NUL', 'Ana\u0000Silva'],
  ['an escape sequence', 'Ana\u001b[31mSilva'],
  ['a DEL', 'Ana\u007fSilva'],
  ['a C1 control (next line)', 'Ana\u0085Silva'],
  ['a C1 control (CSI)', 'Ana\u009bSilva'],
  ['a vertical tab', 'Ana\u000bSilva'],
];

describe.each(FIELDS)('$of: $path', ({ schema, body, path, lines }) => {
  it('accepts the plain value', () => {
    expect(errorsOf(schema, body())).toEqual([]);
  });

  it.each(HOSTILE)('refuses %s, naming the field', (_name, value) => {
    expect(errorsOf(schema, withValue(body(), path, value))).toEqual([
      { path, message: HIDDEN_CHARACTERS_MESSAGE },
    ]);
  });

  it(lines ? 'keeps line breaks and tabs within the text' : 'refuses a line break or a tab', () => {
    const value = 'First line\n\tsecond line\r\nthird';
    const errors = errorsOf(schema, withValue(body(), path, value));
    if (lines) expect(errors).toEqual([]);
    else expect(errors).toEqual([{ path, message: HIDDEN_CHARACTERS_MESSAGE }]);
  });

  it('stores the text NFC-normalized', () => {
    // "Jose" + a combining acute accent: two code points where NFC has one (é, U+00E9).
    const decomposed = 'Jose\u0301 Mari\u0301a';
    const parsed = parseOrThrow(schema, withValue(body(), path, decomposed), 'body');
    expect(valueAt(parsed, path)).toBe('Jos\u00e9 Mar\u00eda');
  });
});

describe('dates of birth', () => {
  it.each(['1899-12-31', '1066-10-14', '0001-01-01'])('refuses %s, before 1900', (dateOfBirth) => {
    const intake = exampleIntake();
    intake.patient.dateOfBirth = dateOfBirth;
    expect(errorsOf(IntakeSchema, intake)).toEqual([
      { path: 'patient.dateOfBirth', message: 'Must be 1900-01-01 or later' },
    ]);
  });

  it('accepts 1900-01-01', () => {
    const intake = exampleIntake();
    intake.patient.dateOfBirth = '1900-01-01';
    expect(errorsOf(IntakeSchema, intake)).toEqual([]);
  });
});
