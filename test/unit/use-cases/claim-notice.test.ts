import type { Claim } from '@medplum/fhirtypes';
import type { Billing } from '../../../functions/domain/billing.js';
import type { CaseRecord } from '../../../functions/domain/case.js';
import type { OutgoingEmail } from '../../../functions/domain/ports.js';
import type { Payer } from '../../../functions/schemas/directory.js';
import { openClaim, sendClaimNotice } from '../../../functions/use-cases/claim-notice.js';
import {
  MemoryCaseStore,
  MemoryDirectory,
  MemoryMailer,
  MemoryOutbox,
} from '../../support/fakes/memory-ports.js';
import { GoneError } from '../../../functions/shared/errors.js';
import { revokeCaseLinks } from '../../../functions/use-cases/grants.js';
import { indexFhirR4, validateFhir } from '../../support/fhir.js';
import { caseRecord, payer, PHI } from '../../support/case-records.js';
import { grantPorts } from '../../support/new-case.js';

const ACME = payer('acme-health', { name: 'Acme Health', claimsEmail: 'claims@acme.example' });
const BASIC = payer('basic-benefit', { coversSecondOpinion: false, claimsEmail: 'claims@basic.example' });

/** Details that belong only in the Claim behind the link, never in an email. */
const PHI_VALUES = [
  PHI.firstName,
  PHI.lastName,
  PHI.dateOfBirth,
  PHI.email,
  PHI.phone,
  PHI.icd10,
  PHI.memberId,
  PHI.groupNumber,
];

beforeAll(() => indexFhirR4());

async function setup(forPayer: Payer | undefined, options: Parameters<typeof caseRecord>[1] = {}) {
  const cases = new MemoryCaseStore();
  const directory = new MemoryDirectory([ACME, BASIC]);
  const mailer = new MemoryMailer();
  const outbox = new MemoryOutbox(mailer);
  const record = caseRecord(forPayer, options);
  await cases.create(record, { type: 'case-received' });
  const ports = { cases, directory, outbox, ...grantPorts(cases) };
  return { cases, mailer, ports, record, send: () => sendClaimNotice(record.caseId, ports) };
}

function expectNoPhi(email: OutgoingEmail): void {
  for (const part of [email.subject, email.text, email.html]) {
    for (const value of PHI_VALUES) expect(part).not.toContain(value);
  }
}

async function eventsOfType(cases: MemoryCaseStore, caseId: string, type: string) {
  return (await cases.timeline(caseId)).filter((event) => event.type === type);
}

/** The Claim the notice's one link opens (nothing attached): the link is a grant to the claims address. */
async function linkedClaim(email: OutgoingEmail, ports: Parameters<typeof openClaim>[2]): Promise<Claim> {
  expect(email).not.toHaveProperty('attachments');
  const match = /https:\/\/concord\.test\/claims\/([A-Za-z0-9_-]+)\?sig=([^\s"<]+)/.exec(email.text);
  expect(match).not.toBeNull();
  const grant = await ports.grants.get(match![1]!);
  expect(grant).toMatchObject({ purpose: 'claim', recipient: email.to[0] });
  return (await openClaim(match![1]!, decodeURIComponent(match![2]!), ports)) as Claim;
}

describe('sendClaimNotice: the insurer pays', () => {
  const INSURED: Array<[string, Payer, Billing]> = [
    ['covered by the plan', ACME, { party: 'insurer', basis: 'covered-by-plan' }],
    [
      'prior-authorized',
      ACME,
      { party: 'insurer', basis: 'prior-authorization', priorAuthReference: 'PA-7781' },
    ],
    ['approved as an exception', BASIC, { party: 'insurer', basis: 'exception' }],
  ];

  it.each(INSURED)(
    '%s: one email to the claimsEmail, subject "Claim notice", with a link to the FHIR Claim',
    async (_name, forPayer, billing) => {
      // Arrange
      const s = await setup(forPayer, { billing });

      // Act
      const result = await s.send();

      // Assert
      expect(result).toEqual({ sent: 'claim-notice' });
      expect(s.mailer.sent).toHaveLength(1);
      const [notice] = s.mailer.sent;
      expect(notice!.to).toEqual([forPayer.claimsEmail]);
      expect(notice!.subject).toMatch(/^Claim notice/);
      expect(notice!.subject).toContain(s.record.caseId);
      const claim = await linkedClaim(notice!, s.ports);
      expect(() => validateFhir(claim)).not.toThrow();
      expect(claim.resourceType).toBe('Claim');
      expect(claim.use).toBe('claim');
      expect(claim.identifier?.[0]?.value).toBe(s.record.caseId);
      expect(claim.diagnosis?.[0]?.diagnosisCodeableConcept?.coding?.[0]?.code).toBe(PHI.icd10);
      if (billing.priorAuthReference) {
        expect(claim.insurance?.[0]?.preAuthRef).toEqual([billing.priorAuthReference]);
      } else {
        expect(claim.insurance?.[0]).not.toHaveProperty('preAuthRef');
      }
      const stored = (await s.cases.get(s.record.caseId)) as CaseRecord;
      expect(stored.status).toBe('notifying-insurer');
      const sentEvents = await eventsOfType(s.cases, s.record.caseId, 'claim-notice-sent');
      expect(sentEvents).toHaveLength(1);
      expect(sentEvents[0]!.detail).toContain(forPayer.payerId);
    },
  );

  it('keeps PHI out of the email: names, birth date, contacts, member id and ICD code are only behind the link', async () => {
    // Arrange
    const s = await setup(ACME, { billing: { party: 'insurer', basis: 'covered-by-plan' } });

    // Act
    await s.send();

    // Assert
    const [notice] = s.mailer.sent;
    expectNoPhi(notice!);
    const content = JSON.stringify(await linkedClaim(notice!, s.ports));
    for (const value of [PHI.firstName, PHI.lastName, PHI.dateOfBirth, PHI.icd10, PHI.memberId]) {
      expect(content).toContain(value);
    }
    // The timeline is PHI-free as well.
    const timeline = JSON.stringify(await s.cases.timeline(s.record.caseId));
    for (const value of PHI_VALUES) expect(timeline).not.toContain(value);
  });

  it("the link answers the same Claim on every open, and nothing once the case's links are taken back", async () => {
    // Arrange
    const s = await setup(ACME, { billing: { party: 'insurer', basis: 'covered-by-plan' } });
    await s.send();
    const first = await linkedClaim(s.mailer.sent[0]!, s.ports);

    // Act
    const again = await linkedClaim(s.mailer.sent[0]!, s.ports);
    await revokeCaseLinks(s.record.caseId, s.ports);

    // Assert
    expect(again).toEqual(first);
    await expect(linkedClaim(s.mailer.sent[0]!, s.ports)).rejects.toThrow(GoneError);
  });

  it('sends nothing twice when the step is replayed', async () => {
    // Arrange
    const s = await setup(ACME, { billing: { party: 'insurer', basis: 'covered-by-plan' } });
    await s.send();

    // Act
    const replay = await s.send();

    // Assert
    expect(replay).toEqual({ sent: 'claim-notice' });
    expect(s.mailer.sent).toHaveLength(1);
    expect(await eventsOfType(s.cases, s.record.caseId, 'claim-notice-sent')).toHaveLength(1);
  });

  it('after a failed send, the retried step sends the notice exactly once', async () => {
    // Arrange
    const s = await setup(ACME, { billing: { party: 'insurer', basis: 'covered-by-plan' } });
    s.mailer.failNext();
    await expect(s.send()).rejects.toThrow(/SES unavailable/);

    // Act
    await s.send();
    await s.send();

    // Assert
    expect(s.mailer.sent).toHaveLength(1);
    expect(s.mailer.sent[0]!.to).toEqual([ACME.claimsEmail]);
    expect(await eventsOfType(s.cases, s.record.caseId, 'claim-notice-sent')).toHaveLength(1);
  });

  it('fails (sends nothing) when the payer has left the directory', async () => {
    // Arrange
    const gone = payer('gone-health');
    const s = await setup(gone, { billing: { party: 'insurer', basis: 'covered-by-plan' } });

    // Act / Assert
    await expect(s.send()).rejects.toThrow(/gone-health/);
    expect(s.mailer.sent).toEqual([]);
  });
});

describe('sendClaimNotice: the patient pays', () => {
  it('sends a receipt to the patient and no claim', async () => {
    // Arrange
    const s = await setup(undefined, {
      insurance: { selfPay: true },
      billing: { party: 'self-pay', basis: 'self-pay' },
    });

    // Act
    const result = await s.send();

    // Assert
    expect(result).toEqual({ sent: 'receipt' });
    expect(s.mailer.sent).toHaveLength(1);
    const [receipt] = s.mailer.sent;
    expect(receipt!.to).toEqual([PHI.email]);
    expect(receipt!.subject).toMatch(/^Receipt/);
    expect(receipt!.subject).toContain(s.record.caseId);
    expect(receipt!.subject).not.toMatch(/claim notice/i);
    expect(receipt).not.toHaveProperty('attachments');
    expectNoPhi(receipt!);
    expect(await eventsOfType(s.cases, s.record.caseId, 'receipt-sent')).toHaveLength(1);
    expect(await eventsOfType(s.cases, s.record.caseId, 'claim-notice-sent')).toEqual([]);
  });

  it('an insured patient who agreed to self-pay gets a receipt; the insurer gets nothing', async () => {
    // Arrange
    const s = await setup(ACME, { billing: { party: 'self-pay', basis: 'self-pay' } });

    // Act
    const result = await s.send();

    // Assert
    expect(result).toEqual({ sent: 'receipt' });
    expect(s.mailer.sent.map((email) => email.to)).toEqual([[PHI.email]]);
    expect(s.mailer.sent.flatMap((email) => email.to)).not.toContain(ACME.claimsEmail);
  });

  it('a replay sends no second receipt', async () => {
    // Arrange
    const s = await setup(undefined, {
      insurance: { selfPay: true },
      billing: { party: 'self-pay', basis: 'self-pay' },
    });
    await s.send();

    // Act
    await s.send();

    // Assert
    expect(s.mailer.sent).toHaveLength(1);
    expect(await eventsOfType(s.cases, s.record.caseId, 'receipt-sent')).toHaveLength(1);
  });
});

describe('sendClaimNotice: nobody Concord can bill', () => {
  it.each<[string, Billing | undefined, RegExp]>([
    ['billing none (an exception for an unknown payer)', { party: 'none', basis: 'exception' }, /exception/],
    ['billing never settled', undefined, /not settled/],
  ])('%s: no email, a no-claim-notice timeline event', async (_name, billing, detail) => {
    // Arrange
    const s = await setup(undefined, billing ? { billing } : {});

    // Act
    const result = await s.send();
    await s.send();

    // Assert
    expect(result).toEqual({ sent: 'none' });
    expect(s.mailer.sent).toEqual([]);
    const events = await eventsOfType(s.cases, s.record.caseId, 'no-claim-notice');
    expect(events).toHaveLength(1);
    expect(events[0]!.detail).toMatch(detail);
  });
});
