import { contactsOf, submitterOf } from '../domain/contacts.js';
import type { CaseStore, Outbox } from '../domain/ports.js';
import { acknowledgementEmail, introductionEmail } from '../views/emails/people.js';
import { localeOf } from '../views/i18n/locale.js';
import { grantLink, type GrantPorts } from './grants.js';
import { requireCase } from './require-case.js';

/**
 * IntroduceCase, the confirmed case's first step: the submitter hears that the request has started, and the
 * other party (the physician a patient named, or the patient of a physician's intake) hears of Concord for the
 * first time, before any request reaches them. Each email carries a status link granted to its reader. Once
 * each: a replay sends (and grants) nothing already sent.
 */
export async function introduceCase(
  caseId: string,
  ports: GrantPorts & { cases: CaseStore; outbox: Outbox },
) {
  const record = await requireCase(ports.cases, caseId);
  const locale = localeOf(record.intake.patient.preferredLanguage);
  const submitter = submitterOf(record.intake);
  const other = contactsOf(record.intake).find((contact) => contact.role !== submitter.role);
  const deliverable = (role: string) => !record.undeliverable?.some((gone) => gone === role);
  const sends = [
    {
      key: 'acknowledgement',
      to: submitter,
      email: acknowledgementEmail.bind(null, submitter.email, caseId),
    },
    ...(other
      ? [
          {
            key: 'introduction',
            to: other,
            email: introductionEmail.bind(null, other.email, other.role, caseId),
          },
        ]
      : []),
  ].filter(({ to }) => deliverable(to.role));
  await Promise.all(
    sends.map(async ({ key, to, email }) => {
      const message = ports.outbox.message(caseId, key);
      if (await message.wasSent()) return;
      const link = await grantLink(caseId, 'case', to.email, ports);
      await message.send(email(link, locale));
    }),
  );
}
