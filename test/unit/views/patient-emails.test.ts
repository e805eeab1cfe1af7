import {
  caseClosedEmail,
  recordsCompleteEmail,
  reportReadyEmail,
  selfPayReceiptEmail,
} from '../../../functions/views/emails/patient.js';

const CASE_ID = '0b6c1c2e-8f4a-4c57-9a51-5d1b7f2f6e10';
const TO = 'ana@patients.example';

describe("the patient's emails, in their language", () => {
  it.each([
    ['en', 'Your records are in: second-opinion request', 'We have your medical records'],
    ['es', 'Recibimos sus expedientes: solicitud de segunda opinión', 'Tenemos sus expedientes médicos'],
  ] as const)('records in (%s)', (locale, subject, body) => {
    const email = recordsCompleteEmail(TO, CASE_ID, locale);

    expect(email.subject).toBe(`${subject} ${CASE_ID}`);
    expect(email.text).toContain(body);
    expect(email.html).toContain(body);
  });

  it.each([
    ['en', `The second-opinion report for case ${CASE_ID} is ready`, 'Open the report'],
    ['es', `El informe de segunda opinión del caso ${CASE_ID} está listo`, 'Abrir el informe'],
  ] as const)('report ready (%s), with its link', (locale, subject, action) => {
    const email = reportReadyEmail(TO, CASE_ID, 'https://concord.example.org/reports/abc?sig=s', locale);

    expect(email.subject).toBe(subject);
    expect(email.text).toContain(`${action}: https://concord.example.org/reports/abc?sig=s`);
  });

  it('closed and receipt, in Spanish, without a word of English', () => {
    const closed = caseClosedEmail(TO, CASE_ID, 'es');
    const receipt = selfPayReceiptEmail(TO, CASE_ID, 'es');

    expect(closed.subject).toBe(`Se cerró su solicitud de segunda opinión ${CASE_ID}`);
    expect(closed.text).toContain('Su enlace de estado muestra lo que ocurrió');
    expect(receipt.subject).toBe(`Recibo de su solicitud de segunda opinión ${CASE_ID}`);
    expect(receipt.text).toContain('No se envió ningún reclamo a una aseguradora.');
    for (const email of [closed, receipt]) expect(email.text).not.toMatch(/\b(your|the|was|request)\b/i);
  });

  it('no longer points a closed case to the access token', () => {
    expect(caseClosedEmail(TO, CASE_ID, 'en').text).not.toMatch(/access token/i);
  });
});
