import { ValidationError, type FieldError } from '../../../functions/shared/errors.js';
import { parseOrThrow } from '../../../functions/shared/validation.js';
import { IntakeSchema, type Intake } from '../../../functions/schemas/intake.js';
import { exampleIntake, intakeWith as intakeWithChanges, REMOVE } from '../../support/intake.js';
import { RICH_POSITION } from '../../support/positions.js';

type Json = Record<string, unknown>;

/** A copy of the example with the value at a dotted path replaced (or removed with REMOVE). */
const intakeWith = (path: string, value: unknown): Json => intakeWithChanges([path, value]);

function errorsOf(body: unknown): FieldError[] {
  try {
    parseOrThrow(IntakeSchema, body, 'intake');
  } catch (error) {
    if (error instanceof ValidationError) return error.errors;
    throw error;
  }
  throw new Error('Expected the intake to be rejected');
}

const isoDay = (offsetDays: number): string =>
  new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

describe('IntakeSchema', () => {
  it('accepts the API.md example unchanged', () => {
    // Act
    const intake = parseOrThrow(IntakeSchema, exampleIntake(), 'intake');

    // Assert: as written, and submitted by the patient (the default)
    expect(intake).toEqual({ ...exampleIntake(), submittedBy: 'patient' });
  });

  it('takes a physician as the submitter only when the intake names the referring physician', () => {
    // Arrange
    const byPhysician = { ...exampleIntake(), submittedBy: 'physician' };
    const unnamed = { ...byPhysician, referringPhysician: undefined };

    // Act
    const accepted = parseOrThrow(IntakeSchema, byPhysician, 'intake');
    const refused = (() => {
      try {
        parseOrThrow(IntakeSchema, unnamed, 'intake');
      } catch (error) {
        return error as ValidationError;
      }
    })();

    // Assert
    expect(accepted.submittedBy).toBe('physician');
    expect(refused?.errors).toEqual([
      {
        path: 'referringPhysician',
        message: 'A physician who submits the intake must be named in referringPhysician',
      },
    ]);
  });

  it('accepts a first opinion stating the clinical position in full, and keeps every field', () => {
    // Arrange
    const body = intakeWith('firstOpinion', {
      physicianName: 'Dr. Lee',
      organization: 'Valley Oncology',
      ...RICH_POSITION,
    });

    // Act
    const intake = parseOrThrow(IntakeSchema, body, 'intake');

    // Assert
    expect(intake.firstOpinion).toEqual({
      physicianName: 'Dr. Lee',
      organization: 'Valley Oncology',
      ...RICH_POSITION,
    });
  });

  it('checks the first opinion across its fields, at the field that is wrong', () => {
    expect(errorsOf(intakeWith('firstOpinion.stage', 'IIID'))).toEqual([
      {
        path: 'firstOpinion.stage',
        message:
          'Must be an AJCC 8th edition stage group for breast: 0, IA, IB, IIA, IIB, IIIA, IIIB, IIIC, IV, or unknown',
      },
    ]);
    expect(
      errorsOf(
        intakeWith('firstOpinion.treatmentPlan', [{ modality: 'chemotherapy', surgery: 'mastectomy' }]),
      ),
    ).toEqual([{ path: 'firstOpinion.treatmentPlan.0.surgery', message: 'Only surgery names an operation' }]);
  });

  it('throws a 400 ValidationError naming the intake', () => {
    // Arrange
    const body = intakeWith('patient.state', 'XX');

    // Act
    const act = () => parseOrThrow(IntakeSchema, body, 'intake');

    // Assert
    expect(act).toThrow(ValidationError);
    expect(act).toThrow('The intake is invalid');
    try {
      act();
    } catch (error) {
      expect((error as ValidationError).status).toBe(400);
    }
  });

  describe('rejects each bad field with its path', () => {
    it.each<[string, string, unknown, string[]]>([
      // patient
      ['an impossible date of birth', 'patient.dateOfBirth', '2026-02-30', ['patient.dateOfBirth']],
      ['29 February in a common year', 'patient.dateOfBirth', '2023-02-29', ['patient.dateOfBirth']],
      ['a date of birth without zero padding', 'patient.dateOfBirth', '1968-4-2', ['patient.dateOfBirth']],
      ['a date of birth with a time', 'patient.dateOfBirth', '1968-04-02T00:00:00Z', ['patient.dateOfBirth']],
      ['a date of birth far in the future', 'patient.dateOfBirth', '2999-01-01', ['patient.dateOfBirth']],
      ['a date of birth tomorrow', 'patient.dateOfBirth', isoDay(1), ['patient.dateOfBirth']],
      ['a date of birth today', 'patient.dateOfBirth', isoDay(0), ['patient.dateOfBirth']],
      ['a missing date of birth', 'patient.dateOfBirth', REMOVE, ['patient.dateOfBirth']],
      ['an unknown state', 'patient.state', 'XX', ['patient.state']],
      ['a lower-case state', 'patient.state', 'ca', ['patient.state']],
      ['a state name', 'patient.state', 'California', ['patient.state']],
      ['an email without @', 'patient.email', 'ana.example.org', ['patient.email']],
      ['an email without a domain', 'patient.email', 'ana@', ['patient.email']],
      ['an email without a top-level domain', 'patient.email', 'ana@example', ['patient.email']],
      ['an email with spaces', 'patient.email', 'ana silva@example.org', ['patient.email']],
      ['a first name over 100 characters', 'patient.firstName', 'A'.repeat(101), ['patient.firstName']],
      ['a last name over 100 characters', 'patient.lastName', 'S'.repeat(101), ['patient.lastName']],
      ['a blank first name', 'patient.firstName', '   ', ['patient.firstName']],
      ['a phone number not in E.164', 'patient.phone', '555-123-4567', ['patient.phone']],
      ['a language that is not a tag', 'patient.preferredLanguage', 'English', ['patient.preferredLanguage']],
      ['an unknown patient field', 'patient.nickname', 'Annie', ['patient.nickname']],
      // referring physician
      ['an NPI with a bad check digit', 'referringPhysician.npi', '1234567890', ['referringPhysician.npi']],
      ['an NPI of 9 digits', 'referringPhysician.npi', '123456789', ['referringPhysician.npi']],
      ['an NPI with letters', 'referringPhysician.npi', '12345678a3', ['referringPhysician.npi']],
      ['a numeric NPI', 'referringPhysician.npi', 1234567893, ['referringPhysician.npi']],
      [
        'a physician name over 100 characters',
        'referringPhysician.name',
        'D'.repeat(101),
        ['referringPhysician.name'],
      ],
      [
        'a bad physician email',
        'referringPhysician.email',
        'lee@@clinic.example',
        ['referringPhysician.email'],
      ],
      [
        'an organization over 2000 characters',
        'referringPhysician.organization',
        'O'.repeat(2001),
        ['referringPhysician.organization'],
      ],
      // diagnosis
      ['a non-neoplasm ICD-10 code', 'diagnosis.icd10', 'E11.9', ['diagnosis.icd10']],
      ['an ICD-10 code past D49', 'diagnosis.icd10', 'D50.0', ['diagnosis.icd10']],
      ['a malformed ICD-10 code', 'diagnosis.icd10', 'C5', ['diagnosis.icd10']],
      ['stage V', 'diagnosis.stage', 'V', ['diagnosis.stage']],
      ['stage IIE', 'diagnosis.stage', 'IIE', ['diagnosis.stage']],
      ['stage IVB of a breast cancer', 'diagnosis.stage', 'IVB', ['diagnosis.stage']],
      ['a diagnosis date tomorrow', 'diagnosis.diagnosedOn', isoDay(1), ['diagnosis.diagnosedOn']],
      ['an impossible diagnosis date', 'diagnosis.diagnosedOn', '2025-13-01', ['diagnosis.diagnosedOn']],
      // first opinion
      ['a first-opinion code outside C00–D49', 'firstOpinion.icd10', 'E11.9', ['firstOpinion.icd10']],
      ['a first-opinion stage V', 'firstOpinion.stage', 'V', ['firstOpinion.stage']],
      [
        'an unknown modality',
        'firstOpinion.treatmentPlan',
        [{ modality: 'magic' }],
        ['firstOpinion.treatmentPlan.0.modality'],
      ],
      ['an empty treatment plan', 'firstOpinion.treatmentPlan', [], ['firstOpinion.treatmentPlan']],
      [
        'an unknown field in a plan step',
        'firstOpinion.treatmentPlan',
        [{ modality: 'surgery', dose: '5 mg' }],
        ['firstOpinion.treatmentPlan.0.dose'],
      ],
      [
        'a first-opinion physician over 100 characters',
        'firstOpinion.physicianName',
        'D'.repeat(101),
        ['firstOpinion.physicianName'],
      ],
      [
        'free text over 2000 characters',
        'firstOpinion.organization',
        'x'.repeat(2001),
        ['firstOpinion.organization'],
      ],
      // insurance
      ['a numeric payer id', 'insurance', { payerId: 5 }, ['insurance.payerId', 'insurance.memberId']],
      ['self-pay false', 'insurance', { selfPay: false }, ['insurance.selfPay']],
      ['an empty insurance object', 'insurance', {}, ['insurance.selfPay']],
      [
        'an unknown insurance field',
        'insurance',
        { payerId: 'acme-health', memberId: 'A1', plan: 'gold' },
        ['insurance.plan'],
      ],
      ['a member id with spaces', 'insurance.memberId', 'A 123', ['insurance.memberId']],
      // reasons, questions, enums
      ['an unknown reason', 'reasons', ['confirm-diagnosis', 'curiosity'], ['reasons.1']],
      ['no reasons', 'reasons', [], ['reasons']],
      ['a repeated reason', 'reasons', ['confirm-diagnosis', 'confirm-diagnosis'], ['reasons']],
      [
        '21 questions',
        'questions',
        Array.from({ length: 21 }, (_, i) => `Question ${i + 1}?`),
        ['questions'],
      ],
      ['a question over 1000 characters', 'questions', ['Why?', 'q'.repeat(1001)], ['questions.1']],
      ['a blank question', 'questions', ['  '], ['questions.0']],
      ['an unknown urgency', 'urgency', 'asap', ['urgency']],
      ['an unknown consultation', 'consultation', 'phone', ['consultation']],
      // shape
      ['an unknown top-level field', 'foo', 'bar', ['foo']],
      ['a missing patient', 'patient', REMOVE, ['patient']],
      ['a missing first opinion', 'firstOpinion', REMOVE, ['firstOpinion']],
    ])('%s', (_description, path, value, expectedPaths) => {
      // Arrange
      const body = intakeWith(path, value);

      // Act
      const errors = errorsOf(body);

      // Assert
      expect(errors.map((e) => e.path).sort()).toEqual([...expectedPaths].sort());
      for (const error of errors) expect(error.message.length).toBeGreaterThan(0);
    });
  });

  it('says why a date of birth is wrong', () => {
    // Act
    const impossible = errorsOf(intakeWith('patient.dateOfBirth', '2026-02-30'));
    const future = errorsOf(intakeWith('patient.dateOfBirth', '2999-01-01'));

    // Assert
    expect(impossible).toEqual([
      { path: 'patient.dateOfBirth', message: expect.stringMatching(/calendar date/) },
    ]);
    expect(future).toEqual([{ path: 'patient.dateOfBirth', message: expect.stringMatching(/past/) }]);
  });

  // A value that is not a date must get the format message only, not also a misleading "future" one.
  it.each([
    ['patient.dateOfBirth', 'yesterday'],
    ['patient.dateOfBirth', '2027-02-30'],
    ['diagnosis.diagnosedOn', 'last week'],
    ['diagnosis.diagnosedOn', '2099-13-01'],
  ])('reports a single format error for %s = %j', (path, value) => {
    // Act
    const errors = errorsOf(intakeWith(path, value));

    // Assert
    expect(errors).toEqual([{ path, message: 'Must be a real calendar date (YYYY-MM-DD)' }]);
  });

  it('reports every bad field at once', () => {
    // Arrange
    const body = intakeWith('patient.state', 'XX');
    (body.patient as Json).email = 'nope';
    body.urgency = 'asap';

    // Act
    const errors = errorsOf(body);

    // Assert
    expect(errors.map((e) => e.path).sort()).toEqual(['patient.email', 'patient.state', 'urgency']);
  });

  it('rejects a body that is not an object', () => {
    for (const body of [null, 'intake', 42, []]) {
      expect(errorsOf(body)).toEqual([{ path: '', message: expect.any(String) }]);
    }
  });

  describe('accepts values at the limits', () => {
    it.each<[string, string, unknown]>([
      ['a name of exactly 100 characters', 'patient.firstName', 'A'.repeat(100)],
      ['free text of exactly 2000 characters', 'firstOpinion.organization', 'x'.repeat(2000)],
      ['20 questions', 'questions', Array.from({ length: 20 }, (_, i) => `Question ${i + 1}?`)],
      ['a question of exactly 1000 characters', 'questions', ['q'.repeat(1000)]],
      ['a leap-day date of birth', 'patient.dateOfBirth', '2024-02-29'],
      ['a diagnosis date of today', 'diagnosis.diagnosedOn', isoDay(0)],
      ['a territory as state', 'patient.state', 'PR'],
      ['DC as state', 'patient.state', 'DC'],
      ['a category-only ICD-10 code', 'diagnosis.icd10', 'C61'],
      ['a neuroendocrine ICD-10 code', 'diagnosis.icd10', 'C7A.010'],
      ['an in situ ICD-10 code', 'diagnosis.icd10', 'D05.10'],
      ['the last neoplasm category', 'diagnosis.icd10', 'D49.9'],
      // C4A (Merkel cell carcinoma) is an ICD-10-CM neoplasm category within C00–D49.
      ['Merkel cell carcinoma (C4A)', 'diagnosis.icd10', 'C4A.9'],
      ['stage 0', 'diagnosis.stage', '0'],
      ['stage IIIC', 'diagnosis.stage', 'IIIC'],
      // Breast cancer has no IVB (AJCC 8th edition): the stage is checked against the cancer's groups.
      ['stage IVB of a lung cancer', 'diagnosis', { icd10: 'C34.90', stage: 'IVB' }],
      ['stage IIID of a melanoma', 'diagnosis', { icd10: 'C43.9', stage: 'IIID' }],
      ['stage IS of a testicular cancer', 'diagnosis', { icd10: 'C62.10', stage: 'IS' }],
      ['stage unknown', 'diagnosis.stage', 'unknown'],
      ['self-pay', 'insurance', { selfPay: true }],
      [
        'a group number',
        'insurance',
        { payerId: 'acme-health', memberId: 'A123456789', groupNumber: 'G-42' },
      ],
      ['no referring physician', 'referringPhysician', REMOVE],
      ['no phone', 'patient.phone', REMOVE],
      ['no diagnosis date', 'diagnosis.diagnosedOn', REMOVE],
      ['expedited in-person', 'urgency', 'expedited'],
      ['a regional language tag', 'patient.preferredLanguage', 'zh-Hant'],
      [
        'every modality',
        'firstOpinion.treatmentPlan',
        [
          'surgery',
          'chemotherapy',
          'radiation',
          'immunotherapy',
          'targeted-therapy',
          'hormone-therapy',
          'stem-cell-transplant',
          'active-surveillance',
          'clinical-trial',
          'palliative-care',
        ].map((modality) => ({ modality })),
      ],
      [
        'every reason',
        'reasons',
        [
          'confirm-diagnosis',
          'confirm-treatment',
          'risky-treatment',
          'rare-cancer',
          'rural-area',
          'experimental-treatment',
          'doubt-diagnosis',
          'doubt-treatment',
          'limited-experience',
          'nothing-missed',
          'not-responding',
          'clinical-trials',
          'multiple-experts',
          'no-options',
          'insurance-requires',
          'treatment-order',
        ],
      ],
    ])('%s', (_description, path, value) => {
      // Arrange
      const body = intakeWith(path, value);

      // Act
      const act = () => parseOrThrow(IntakeSchema, body, 'intake');

      // Assert
      expect(act).not.toThrow();
    });
  });

  it('applies the defaults for omitted optional fields', () => {
    // Arrange
    const body = exampleIntake() as Json;
    delete body.urgency;
    delete body.consultation;
    delete body.questions;
    delete (body.patient as Json).preferredLanguage;

    // Act
    const intake: Intake = parseOrThrow(IntakeSchema, body, 'intake');

    // Assert
    expect(intake.urgency).toBe('routine');
    expect(intake.consultation).toBe('virtual');
    expect(intake.questions).toEqual([]);
    expect(intake.patient.preferredLanguage).toBe('en');
  });

  it('stores free text with markup characters exactly as typed', () => {
    // Arrange
    const markup = `<script>alert("x")</script> & 'quotes' <b>`;
    const body = intakeWith('questions', ['<b>x</b>', 'Is 5 < 7 && 9 > 3?']);
    (body.firstOpinion as Json).organization = markup;
    (body.patient as Json).lastName = "O'Brien <Silva>";

    // Act
    const intake = parseOrThrow(IntakeSchema, body, 'intake');

    // Assert
    expect(intake.questions).toEqual(['<b>x</b>', 'Is 5 < 7 && 9 > 3?']);
    expect(intake.firstOpinion.organization).toBe(markup);
    expect(intake.patient.lastName).toBe("O'Brien <Silva>");
  });

  it('trims surrounding whitespace from names', () => {
    // Arrange
    const body = intakeWith('patient.firstName', '  Ana  ');

    // Act
    const intake = parseOrThrow(IntakeSchema, body, 'intake');

    // Assert
    expect(intake.patient.firstName).toBe('Ana');
  });
});
