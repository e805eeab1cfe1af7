import { contactWithAddress } from '../domain/contacts.js';
import type { CaseStore, Mailer, Quotas } from '../domain/ports.js';
import { TooManyRequestsError } from '../shared/errors.js';
import { freshLinkEmail } from '../views/emails/people.js';
import { localeOf } from '../views/i18n/locale.js';
import { addressSubject } from './create-case.js';
import { grantLink, type GrantPorts } from './grants.js';

/** The quota of fresh links per address per day. */
export const LINK_QUOTA = 'links';

export interface RequestLinkPorts extends GrantPorts {
  cases: CaseStore;
  mailer: Mailer;
  quotas: Quotas;
  settings: GrantPorts['settings'] & { linkRequestsPerAddress: number };
}

/**
 * "Email me my link again" (POST /links): a fresh status link, granted and emailed to the address given only
 * when it is one on file for a confirmed case. The caller answers the same whether or not it matched; only
 * the per-address daily count (of the address given, matched or not) refuses, and that reveals nothing.
 */
export async function requestLink(caseId: string, address: string, ports: RequestLinkPorts): Promise<void> {
  if (!(await ports.quotas.take(LINK_QUOTA, addressSubject(address), ports.settings.linkRequestsPerAddress)))
    throw new TooManyRequestsError('Too many requests for this address today: try again tomorrow');
  const record = await ports.cases.get(caseId);
  if (!record || record.status === 'awaiting-confirmation') return;
  const contact = contactWithAddress(record.intake, address);
  if (!contact || record.undeliverable?.includes(contact.role)) return;
  const link = await grantLink(caseId, 'case', contact.email, ports);
  const locale = localeOf(record.intake.patient.preferredLanguage);
  await ports.mailer.send({ ...freshLinkEmail(contact.email, caseId, link, locale), caseId });
}
