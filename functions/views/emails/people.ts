import type { CoverageOutcome } from '../../domain/coverage.js';
import type { Contact, ContactRole } from '../../domain/contacts.js';
import { confirmCatalog, noticeCatalog } from '../i18n/catalogs.js';
import type { Locale } from '../i18n/locale.js';
import { plainWords } from '../i18n/plain-words.js';
import type { Translator } from '../i18n/translator.js';
import { email } from './email.js';

/*
 * What the patient and their physician read from Concord about the request itself, in the patient's language.
 * Each names the case, never a diagnosis or a result: what there is to see waits behind a link.
 */

/** A moment in words, in UTC (the link's expiry is a moment, not a calendar day). */
export const momentIn = (t: Pick<Translator<string>, 'date'>, epochSeconds: number) =>
  `${t.date(epochSeconds * 1000, { dateStyle: 'long', timeStyle: 'short' })} UTC`;

/** The one email before confirmation: to the submitter, with the link that confirms the request. */
export function confirmationEmail(
  submitter: Contact,
  caseId: string,
  link: string,
  confirmBy: number,
  locale: Locale,
) {
  const t = plainWords(locale, confirmCatalog);
  return email({
    to: [submitter.email],
    subject: t.text('confirm.email.subject', { caseId }),
    paragraphs: [
      t.text('confirm.email.intro'),
      t.text('confirm.email.deadline', { deadline: momentIn(t, confirmBy) }),
      t.text('confirm.email.notYou'),
    ],
    link: { url: link, label: t.text('confirm.email.action') },
  });
}

/** A status link and how long it works. */
export interface StatusLink {
  url: string;
  /** Epoch seconds. */
  until: number;
}

function withStatusLink(
  t: ReturnType<typeof plainWords<[typeof noticeCatalog]>>,
  to: string,
  subject: string,
  paragraphs: string[],
  link: StatusLink,
) {
  return email({
    to: [to],
    subject,
    paragraphs: [...paragraphs, t.text('notice.statusLink', { until: momentIn(t, link.until) })],
    link: { url: link.url, label: t.text('notice.statusAction') },
  });
}

/** To the submitter once confirmed: the request has started; with their status link. */
export function acknowledgementEmail(to: string, caseId: string, link: StatusLink, locale: Locale) {
  const t = plainWords(locale, noticeCatalog);
  return withStatusLink(
    t,
    to,
    t.text('notice.ack.subject', { caseId }),
    [t.text('notice.ack.body', { caseId })],
    link,
  );
}

/** To the other party once confirmed (the physician a patient named, or the patient of a physician's intake). */
export function introductionEmail(
  to: string,
  role: ContactRole,
  caseId: string,
  link: StatusLink,
  locale: Locale,
) {
  const t = plainWords(locale, noticeCatalog);
  return role === 'physician'
    ? withStatusLink(
        t,
        to,
        t.text('notice.intro.physician.subject', { caseId }),
        [t.text('notice.intro.physician.body', { caseId })],
        link,
      )
    : withStatusLink(
        t,
        to,
        t.text('notice.intro.patient.subject', { caseId }),
        [t.text('notice.intro.patient.body', { caseId })],
        link,
      );
}

/** A fresh status link, asked for with the case id and the address on file. */
export function freshLinkEmail(to: string, caseId: string, link: StatusLink, locale: Locale) {
  const t = plainWords(locale, noticeCatalog);
  return withStatusLink(
    t,
    to,
    t.text('notice.link.subject', { caseId }),
    [t.text('notice.link.body', { caseId })],
    link,
  );
}

/** The coverage outcome, told to the patient in words (and what a refusal means). */
export function coverageOutcomeEmail(
  to: string,
  caseId: string,
  outcome: CoverageOutcome,
  mandated: boolean,
  link: StatusLink,
  locale: Locale,
) {
  const t = plainWords(locale, noticeCatalog);
  const words =
    outcome === 'covered'
      ? t.text(mandated ? 'notice.coverage.mandated' : 'notice.coverage.covered')
      : t.text(`notice.coverage.${outcome}`);
  return withStatusLink(t, to, t.text('notice.coverage.subject', { caseId }), [words], link);
}
