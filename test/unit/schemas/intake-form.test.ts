import { cancerTypeOf } from '../../../functions/domain/cancer-type.js';
import { COMMON_CANCERS } from '../../../functions/domain/common-cancers.js';
import { FREE_TEXT_MAX, NAME_MAX } from '../../../functions/schemas/common.js';
import {
  decodeFormErrors,
  encodeFormErrors,
  lengthLimit,
} from '../../../functions/schemas/intake-form-fields.js';
import { formErrors, intakeFromForm, type FormFields } from '../../../functions/schemas/intake-form.js';
import { IntakeSchema } from '../../../functions/schemas/intake.js';
import { fieldErrors } from '../../../functions/shared/validation.js';
import { exampleIntake } from '../../support/intake.js';

/** A form as a browser sends it, every field filled. */
const FULL_FORM: FormFields = {
  lang: 'es',
  idempotencyKey: 'form-key-1',
  firstName: ' Ana ',
  lastName: 'Silva',
  dateOfBirth: '1968-04-02',
  email: 'ana@example.org',
  phone: '+1 (555) 123-4567',
  state: 'CA',
  preferredLanguage: 'es',
  physicianName: 'Dr. Lee',
  physicianEmail: 'lee@clinic.example',
  physicianNpi: '1234567893',
  physicianOrganization: 'Valley Oncology',
  cancer: 'breast',
  icd10: 'c50.911',
  stage: 'iia',
  diagnosedOn: '2026-10-30',
  firstOpinionPhysicianName: 'Dr. Lee',
  firstOpinionOrganization: 'Valley Oncology',
  firstOpinionIcd10: 'C50.912',
  firstOpinionStage: 'IIB',
  treatment1: 'surgery',
  treatment2: '',
  treatment3: 'chemotherapy',
  treatment4: 'radiation',
  treatment5: '',
  treatment6: '',
  insurance: 'plan',
  payerId: 'acme-health',
  memberId: 'A123456789',
  groupNumber: 'G-77',
  'reason-confirm-diagnosis': 'yes',
  'reason-treatment-order': 'yes',
  question1: 'Should I have chemotherapy before surgery?',
  question2: '',
  question3: '  Is radiation needed?  ',
  question4: '',
  question5: '',
  urgency: 'expedited',
  consultation: 'in-person',
};

/** The smallest form the schema takes: only what is required. */
const REQUIRED_ONLY: FormFields = {
  firstName: 'Ana',
  lastName: 'Silva',
  dateOfBirth: '1968-04-02',
  email: 'ana@example.org',
  state: 'CA',
  icd10: 'C61',
  // An AJCC 8th edition group of prostate cancer (the schema checks the stage against the cancer: issue 24).
  stage: 'IIA',
  firstOpinionPhysicianName: 'Dr. Lee',
  firstOpinionOrganization: 'Valley Oncology',
  treatment1: 'active-surveillance',
  insurance: 'self-pay',
  'reason-nothing-missed': 'yes',
};

const errorsOf = (fields: FormFields) => {
  const result = IntakeSchema.safeParse(intakeFromForm(fields));
  return result.success ? [] : formErrors(fieldErrors(result.error.issues), fields);
};

describe('the intake form as the intake JSON', () => {
  it('maps every field to its place in the contract, as POST /cases takes it', () => {
    // Arrange: API.md's example, as this form gives it.
    const expected = exampleIntake();
    expected.patient.preferredLanguage = 'es';
    expected.firstOpinion = { ...expected.firstOpinion, icd10: 'C50.912', stage: 'IIB' };
    expected.insurance = { payerId: 'acme-health', memberId: 'A123456789', groupNumber: 'G-77' };
    expected.questions = ['Should I have chemotherapy before surgery?', 'Is radiation needed?'];
    Object.assign(expected, { urgency: 'expedited', consultation: 'in-person' });

    // Act
    const intake = intakeFromForm(FULL_FORM);

    // Assert
    expect(intake).toEqual(expected);
    expect(IntakeSchema.safeParse(intake).success).toBe(true);
  });

  it('leaves out what was left empty, and takes the defaults for the rest', () => {
    // Act
    const parsed = IntakeSchema.parse(intakeFromForm(REQUIRED_ONLY));

    // Assert
    expect(parsed.referringPhysician).toBeUndefined();
    expect(parsed.patient.phone).toBeUndefined();
    expect(parsed.patient.preferredLanguage).toBe('en');
    expect(parsed.diagnosis).toEqual({ icd10: 'C61', stage: 'IIA' });
    expect(parsed.insurance).toEqual({ selfPay: true });
    expect(parsed.questions).toEqual([]);
    expect([parsed.urgency, parsed.consultation]).toEqual(['routine', 'virtual']);
  });

  it("takes the chosen cancer's code when no code is typed, and a typed code over it", () => {
    const chosen = intakeFromForm({ ...REQUIRED_ONLY, icd10: '', cancer: 'lung' });
    const typed = intakeFromForm({ ...REQUIRED_ONLY, icd10: 'c34.11', cancer: 'lung' });
    const unknown = intakeFromForm({ ...REQUIRED_ONLY, icd10: '', cancer: 'not-a-cancer' });
    expect(chosen.diagnosis.icd10).toBe(COMMON_CANCERS.lung);
    expect(typed.diagnosis.icd10).toBe('C34.11');
    expect(unknown.diagnosis.icd10).toBe('');
  });

  it("takes the diagnosis's code and stage for the first opinion's when those are left empty", () => {
    const intake = intakeFromForm({ ...REQUIRED_ONLY, firstOpinionIcd10: '', firstOpinionStage: '' });
    expect([intake.firstOpinion.icd10, intake.firstOpinion.stage]).toEqual(['C61', 'IIA']);
  });

  it.each([
    ['iiic', 'IIIC'],
    ['0is', '0is'],
    ['Unknown', 'unknown'],
    ['IV', 'IV'],
  ])('writes the stage %p as %p', (typed, stage) => {
    expect(intakeFromForm({ ...REQUIRED_ONLY, stage: typed }).diagnosis.stage).toBe(stage);
  });

  it.each([
    ['(555) 123-4567', '+15551234567'],
    ['+44 20 7946 0958', '+442079460958'],
    ['555.123.4567', '+15551234567'],
  ])('writes the phone number %p as %p', (typed, phone) => {
    expect(intakeFromForm({ ...REQUIRED_ONLY, phone: typed }).patient.phone).toBe(phone);
  });

  it('sends the referring physician as soon as any of their fields is filled, so the rest are asked for', () => {
    const intake = intakeFromForm({ ...REQUIRED_ONLY, physicianNpi: '1234567893' });
    expect(intake.referringPhysician).toEqual({
      name: '',
      email: '',
      npi: '1234567893',
      organization: undefined,
    });
  });
});

describe("the schema's errors, beside the form's fields", () => {
  it('names the field of every mistake, and whether it was left empty, too long or wrong', () => {
    // Arrange
    const fields: FormFields = {
      ...FULL_FORM,
      firstName: '',
      lastName: 'x'.repeat(NAME_MAX + 1),
      dateOfBirth: '2999-01-01',
      email: 'not-an-email',
      phone: '12',
      state: 'ZZ',
      preferredLanguage: 'english please',
      physicianEmail: '',
      physicianNpi: '1234567890',
      physicianOrganization: 'y'.repeat(FREE_TEXT_MAX + 1),
      icd10: 'Z99',
      stage: 'VII',
      diagnosedOn: '2026-02-30',
      firstOpinionPhysicianName: '',
      firstOpinionOrganization: '',
      firstOpinionIcd10: 'A00',
      firstOpinionStage: 'V',
      treatment1: '',
      treatment2: 'surgery',
      treatment3: 'homeopathy',
      payerId: 'Not A Payer',
      memberId: '',
      groupNumber: 'has spaces',
      'reason-confirm-diagnosis': '',
      'reason-treatment-order': '',
      question1: '',
      question3: 'q'.repeat(1001),
      urgency: 'tomorrow',
      consultation: 'carrier pigeon',
    };

    // Act
    const errors = errorsOf(fields);

    // Assert
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'firstName', code: 'required' },
        { field: 'lastName', code: 'tooLong' },
        { field: 'dateOfBirth', code: 'invalid' },
        { field: 'email', code: 'invalid' },
        { field: 'phone', code: 'invalid' },
        { field: 'state', code: 'invalid' },
        { field: 'preferredLanguage', code: 'invalid' },
        { field: 'physicianEmail', code: 'required' },
        { field: 'physicianNpi', code: 'invalid' },
        { field: 'physicianOrganization', code: 'tooLong' },
        { field: 'icd10', code: 'invalid' },
        { field: 'stage', code: 'invalid' },
        { field: 'diagnosedOn', code: 'invalid' },
        { field: 'firstOpinionPhysicianName', code: 'required' },
        { field: 'firstOpinionOrganization', code: 'required' },
        { field: 'firstOpinionIcd10', code: 'invalid' },
        { field: 'firstOpinionStage', code: 'invalid' },
        // The plan's second filled row is row 3.
        { field: 'treatment3', code: 'invalid' },
        { field: 'payerId', code: 'invalid' },
        { field: 'memberId', code: 'required' },
        { field: 'groupNumber', code: 'invalid' },
        { field: 'reasons', code: 'required' },
        // The second filled question is question 3.
        { field: 'question3', code: 'tooLong' },
        { field: 'urgency', code: 'invalid' },
        { field: 'consultation', code: 'invalid' },
      ]),
    );
    expect(errors).toHaveLength(25);
  });

  it('takes who submits, and asks a physician who submits for their details beside that choice', () => {
    expect(
      IntakeSchema.parse(
        intakeFromForm({
          ...REQUIRED_ONLY,
          submittedBy: 'physician',
          physicianName: 'Dr. Lee',
          physicianEmail: 'lee@clinic.example',
          physicianNpi: '1234567893',
        }),
      ).submittedBy,
    ).toBe('physician');
    expect(errorsOf({ ...REQUIRED_ONLY, submittedBy: 'physician' })).toEqual([
      { field: 'submittedBy', code: 'invalid' },
    ]);
    expect(IntakeSchema.parse(intakeFromForm(REQUIRED_ONLY)).submittedBy).toBe('patient');
  });

  it('asks for the insurance choice and the first treatment step when none is made', () => {
    const errors = errorsOf({ ...REQUIRED_ONLY, insurance: '', treatment1: '' });
    expect(errors).toEqual([
      { field: 'treatment1', code: 'required' },
      { field: 'insurance', code: 'required' },
    ]);
  });

  it('asks for a code when neither a code is typed nor a cancer chosen, and only beside the diagnosis', () => {
    expect(errorsOf({ ...REQUIRED_ONLY, icd10: '', cancer: '' })).toEqual([
      { field: 'icd10', code: 'required' },
    ]);
    expect(errorsOf({ ...REQUIRED_ONLY, icd10: 'X1' })).toEqual([{ field: 'icd10', code: 'invalid' }]);
  });

  it('travels in the query as field names and codes only, and ignores anything else on the way back', () => {
    // Arrange
    const errors = errorsOf({ ...REQUIRED_ONLY, email: 'ana', question2: 'q'.repeat(1001) });

    // Act
    const query = encodeFormErrors([...errors, { field: 'form', code: 'server' }]);

    // Assert
    expect(query).toBe('email:invalid,question2:tooLong,form:server');
    expect(decodeFormErrors(query)).toEqual([...errors, { field: 'form', code: 'server' }]);
    expect(
      decodeFormErrors('email:oops,nothing:required,question9:invalid,<b>:required,,stage:invalid'),
    ).toEqual([{ field: 'stage', code: 'invalid' }]);
  });

  it('knows the limits the schema sets', () => {
    expect(lengthLimit('firstName')).toBe(NAME_MAX);
    expect(lengthLimit('firstOpinionPhysicianName')).toBe(NAME_MAX);
    expect(lengthLimit('physicianOrganization')).toBe(FREE_TEXT_MAX);
    expect(lengthLimit('question4')).toBe(1000);
    expect(errorsOf({ ...REQUIRED_ONLY, question1: 'q'.repeat(1000) })).toEqual([]);
    expect(errorsOf({ ...REQUIRED_ONLY, lastName: 'x'.repeat(NAME_MAX) })).toEqual([]);
  });
});

describe('common cancers', () => {
  it.each(Object.entries(COMMON_CANCERS))('%s has a neoplasm code the schema takes (%s)', (_cancer, code) => {
    // The stage left unknown: which groups are valid depends on the cancer (issue 24).
    expect(errorsOf({ ...REQUIRED_ONLY, icd10: code, stage: 'unknown' })).toEqual([]);
  });

  it('each match specialists in that cancer', () => {
    const types = Object.fromEntries(
      Object.entries(COMMON_CANCERS).map(([cancer, code]) => [cancer, cancerTypeOf(code)]),
    );
    expect(types).toEqual({
      breast: 'breast',
      prostate: 'prostate',
      lung: 'lung',
      colon: 'colorectal',
      rectal: 'colorectal',
      pancreatic: 'pancreatic',
      stomach: 'stomach',
      esophageal: 'esophageal',
      liver: 'liver',
      kidney: 'kidney',
      bladder: 'bladder',
      ovarian: 'gynecologic',
      uterine: 'gynecologic',
      cervical: 'gynecologic',
      testicular: 'testicular',
      thyroid: 'thyroid',
      'head-and-neck': 'head-and-neck',
      brain: 'brain',
      melanoma: 'melanoma',
      skin: 'skin',
      sarcoma: 'bone-and-soft-tissue',
      bone: 'bone-and-soft-tissue',
      lymphoma: 'lymphoma',
      hodgkin: 'lymphoma',
      leukemia: 'leukemia',
      myeloma: 'myeloma',
      neuroendocrine: 'neuroendocrine',
    });
  });
});
