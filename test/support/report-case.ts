import type { Opinion } from '../../functions/domain/opinion.js';
import type { OpinionSubmission } from '../../functions/schemas/opinion.js';
import type { ReportData } from '../../functions/views/report-data.js';

/** A three-opinion breast-cancer report, the opinions split on the order of treatment (unit tests of the report). */
export const PATIENT = 'Maria Testpatient';
export const Q_TIMING = 'Should surgery come before chemotherapy?';
export const Q_MARKUP = '<script>alert(1)</script> Is the plan safe?';

function submission(overrides: Partial<OpinionSubmission>): OpinionSubmission {
  return {
    diagnosisAssessment: 'confirmed',
    icd10: 'C50.911',
    stage: 'IIA',
    treatmentPlan: [{ modality: 'surgery' }, { modality: 'chemotherapy' }],
    clinicalTrials: [],
    answers: [],
    references: [],
    rationale: 'Standard of care for this stage.',
    ...overrides,
  };
}

export function opinions(): Opinion[] {
  const neoadjuvant = [{ modality: 'chemotherapy' as const }, { modality: 'surgery' as const }];
  const adjuvant = [{ modality: 'surgery' as const }, { modality: 'targeted-therapy' as const }];
  return [
    {
      number: 1,
      author: 'Dr. First Oncologist',
      organization: 'Home Hospital',
      icd10: 'C50.911',
      stage: 'IIA',
      treatmentPlan: adjuvant,
    },
    {
      number: 2,
      author: 'Dr. Second Reviewer',
      organization: 'Academic Center',
      icd10: 'C50.911',
      stage: 'IIA',
      treatmentPlan: neoadjuvant,
      submission: submission({
        treatmentPlan: neoadjuvant,
        rationale: 'Neoadjuvant therapy can shrink the tumor first.',
        references: ['NCCN Breast Cancer Guidelines v2.2025'],
        clinicalTrials: [
          { id: 'NCT01234567', title: 'Neoadjuvant trial A' },
          { id: 'NCT07654321', title: 'Trial B' },
        ],
        answers: [
          { question: Q_TIMING, answer: 'In your case, chemotherapy first is reasonable.' },
          { question: Q_MARKUP, answer: 'Yes, both orders are accepted.' },
        ],
      }),
    },
    {
      number: 3,
      author: 'Dr. Third Reviewer',
      organization: 'Cancer Institute',
      icd10: 'C50.911',
      stage: 'IIA',
      treatmentPlan: adjuvant,
      submission: submission({
        treatmentPlan: adjuvant,
        clinicalTrials: [{ id: 'NCT07654321', title: 'Trial B' }],
        answers: [
          { question: `  ${Q_TIMING.toLowerCase()} `, answer: 'Surgery first is the usual order.' },
          { question: Q_MARKUP, answer: 'The plan is safe & well studied.' },
        ],
      }),
    },
  ];
}

export function reportData(overrides: Partial<ReportData> = {}): ReportData {
  return {
    caseId: 'case-7f3a',
    locale: 'en',
    generatedAt: '2025-03-12T15:00:00.000Z',
    cancerType: 'breast',
    patientName: PATIENT,
    questions: [Q_TIMING, Q_MARKUP],
    opinions: opinions(),
    grading: {
      level: 'major',
      disputed: ['treatment'],
      reasons: [
        {
          dimension: 'treatment',
          level: 'major',
          code: 'modality-order',
          detail: 'Opinion 2 starts with chemotherapy; opinion 3 starts with surgery.',
        },
      ],
    },
    consensus: {
      diagnosis: { value: 'C50.911', agreeing: [1, 2, 3], split: false },
      stage: { value: 'IIA', agreeing: [1, 2, 3], split: false },
      treatment: {
        value: [{ modality: 'surgery' }, { modality: 'targeted-therapy' }],
        agreeing: [1, 3],
        split: false,
      },
    },
    tumorBoard: false,
    ...overrides,
  };
}
