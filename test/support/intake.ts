import type { IntakeInput } from '../../functions/schemas/intake.js';

/** The intake example from API.md, verbatim. */
const API_EXAMPLE = {
  patient: {
    firstName: 'Ana',
    lastName: 'Silva',
    dateOfBirth: '1968-04-02',
    email: 'ana@example.org',
    phone: '+15551234567',
    state: 'CA',
    preferredLanguage: 'en',
  },
  referringPhysician: {
    name: 'Dr. Lee',
    email: 'lee@clinic.example',
    npi: '1234567893',
    organization: 'Valley Oncology',
  },
  diagnosis: { icd10: 'C50.911', stage: 'IIA', diagnosedOn: '2026-10-30' },
  firstOpinion: {
    physicianName: 'Dr. Lee',
    organization: 'Valley Oncology',
    icd10: 'C50.911',
    stage: 'IIA',
    treatmentPlan: [{ modality: 'surgery' }, { modality: 'chemotherapy' }, { modality: 'radiation' }],
  },
  insurance: { payerId: 'acme-health', memberId: 'A123456789' },
  reasons: ['confirm-diagnosis', 'treatment-order'],
  questions: ['Should I have chemotherapy before surgery?'],
  urgency: 'routine',
  consultation: 'virtual',
} satisfies IntakeInput;

/** A fresh deep copy of API.md's example intake: tests may change it freely. */
export function exampleIntake(): IntakeInput {
  return structuredClone(API_EXAMPLE);
}

export const REMOVE = Symbol('remove');

/** The example intake with the value at a dotted path replaced (or removed with `REMOVE`), for bad bodies. */
export function intakeWith(...changes: Array<[path: string, value: unknown]>): Record<string, unknown> {
  const body = exampleIntake() as unknown as Record<string, unknown>;
  for (const [path, value] of changes) {
    const keys = path.split('.');
    const last = keys.pop()!;
    let node = body;
    for (const key of keys) node = node[key] as Record<string, unknown>;
    if (value === REMOVE) delete node[last];
    else node[last] = value;
  }
  return body;
}
