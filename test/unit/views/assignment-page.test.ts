import { gradeOpinions } from '../../../functions/domain/clinical/grade.js';
import { assignmentPage, type CasePacket } from '../../../functions/views/assignment-page.js';
import { exampleIntake } from '../../support/intake.js';
import { IntakeSchema } from '../../../functions/schemas/intake.js';
import { RICH_FORM, RICH_POSITION, position } from '../../support/positions.js';

const intake = IntakeSchema.parse(exampleIntake());

function packet(changes: Partial<CasePacket> = {}): CasePacket {
  return {
    caseId: 'case-1',
    opinionNumber: 2,
    accepted: true,
    cancerType: 'breast',
    diagnosis: { icd10: intake.diagnosis.icd10, stage: intake.diagnosis.stage },
    firstOpinion: { ...intake.firstOpinion, ...RICH_POSITION },
    earlierOpinions: [],
    reasons: intake.reasons,
    questions: ['Should I have chemotherapy first?'],
    urgency: 'routine',
    consultation: 'virtual',
    patientState: 'CA',
    language: 'en',
    records: [],
    ...changes,
  };
}

const names = (body: string) => new Set([...body.matchAll(/ name="([^"]+)"/g)].map((m) => m[1]));

describe('the case packet and the opinion form', () => {
  it('shows the first opinion’s clinical position, field by field', () => {
    const body = assignmentPage(packet(), 'cb-1', 'sig').body;

    expect(body).toContain('<dt>Histology (ICD-O-3)</dt>');
    expect(body).toContain('8500/3');
    expect(body).toContain('cT2 cN1 cM0 (AJCC 8th edition)');
    expect(body).toContain('<li>ER positive, 95 %</li>');
    expect(body).toContain('<li>definitive: surgery (lumpectomy)</li>');
  });

  it('has a control for every field the form is read by, grouped, each with its label', () => {
    const body = assignmentPage(packet(), 'cb-1', 'sig').body;
    const controls = names(body);

    for (const field of [...Object.keys(RICH_FORM), 'icd10', 'stage', 'notCancerFinding', 'notCancerIcd10']) {
      expect(controls).toContain(field);
    }
    for (const field of [
      'treatment6',
      'treatment6WithRegimen',
      'treatment6WithFractions',
      'biomarker6Unit',
    ]) {
      expect(controls).toContain(field);
    }
    for (const legend of ['Diagnosis', 'If you find no cancer', 'Stage', 'Biomarkers', 'Step 1', 'Step 6'])
      expect(body).toContain(`<legend>${legend}</legend>`);
    expect(body).toContain('for breast: 0, IA, IB, IIA, IIB, IIIA, IIIB, IIIC, IV, or unknown');
    expect(body).toContain('<option value="8" selected>8th</option>');
  });

  it('fills in nothing for the reviewer: no value beside the stage group’s choices', () => {
    const body = assignmentPage(packet(), 'cb-1', 'sig').body;

    expect(body).not.toMatch(/<input[^>]* value=/);
    expect(body).not.toMatch(/<option value="[^"]+" selected>(?!8th)/);
  });

  it('shows a third reviewer the earlier opinion and what is disputed, without its author', () => {
    const second = position('C50.911', 'IIA', ['surgery', 'chemotherapy']);
    const dispute = gradeOpinions(packet().firstOpinion, second);

    const body = assignmentPage(
      packet({
        opinionNumber: 3,
        earlierOpinions: [{ number: 2, disciplines: ['medical-oncology'], position: second }],
        dispute,
      }),
      'cb-1',
      'sig',
    ).body;

    expect(dispute.disputed).toEqual(['treatment']);
    expect(body).toContain('<h2>Opinion 2</h2>');
    expect(body).toContain('a specialist in medical oncology');
    expect(body).toContain('<h2>What the earlier opinions dispute</h2>');
    expect(body).toContain('They differ on the treatment plan, enough to change treatment');
    expect(body).toContain('The earlier opinions differ on the treatment plan. Give your own position');
  });
});
