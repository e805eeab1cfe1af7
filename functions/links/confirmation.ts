import type { CaseRecord } from '../domain/case.js';
import { ValidationError } from '../shared/errors.js';
import { confirmCase, openConfirmation, type ConfirmationPorts } from '../use-cases/confirmation.js';
import { confirmationPage, confirmedPage } from '../views/confirmation-page.js';
import { localeOf } from '../views/i18n/locale.js';
import type { DecodedBody } from '../middleware/request-body.js';
import type { LinkSpec } from './link-handler.js';

const localeOfCase = (record: CaseRecord) => localeOf(record.intake.patient.preferredLanguage);

/** A confirming POST: its body may be empty, `{}`, or `confirm=yes` (form or JSON); nothing else. */
function checkConfirmBody(body: DecodedBody): void {
  const value = body.value;
  if (value === undefined || value === null) return;
  const fields = typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [['', value]];
  for (const [name, given] of fields)
    if (name !== 'confirm' || given !== 'yes')
      throw new ValidationError('The confirmation is invalid', [
        { path: String(name), message: 'Only confirm=yes may be sent' },
      ]);
}

/** `GET/HEAD /confirmations/{id}`: the page (changes nothing); `POST`: confirms and starts the request. */
export const CONFIRMATION_LINK: LinkSpec<ConfirmationPorts, CaseRecord> = {
  forPatients: true,
  open: (link, ports) => openConfirmation(link.id, link.sig, ports),
  emptyBody: true,
  async show(record, link) {
    const confirmed = record.status !== 'awaiting-confirmation';
    return {
      json: { caseId: record.caseId, confirmed },
      page: () =>
        confirmationPage(record.caseId, encodeURIComponent(link.sig!), confirmed, localeOfCase(record)),
    };
  },
  async decide(record, body, _link, ports) {
    checkConfirmBody(body);
    const confirmed = await confirmCase(record.caseId, ports);
    return {
      json: { caseId: confirmed.caseId, status: confirmed.status },
      page: () => confirmedPage(localeOfCase(confirmed)),
    };
  },
};
