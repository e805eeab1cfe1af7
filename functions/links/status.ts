import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { requestLocale } from '../intake/request-locale.js';
import { ConcordError, LinkTakenBackError } from '../shared/errors.js';
import { showStatus, type StatusData, type StatusPorts } from '../use-cases/status.js';
import { statusCatalog } from '../views/i18n/catalogs.js';
import { plainWords } from '../views/i18n/plain-words.js';
import { goneStatusPage, statusPage } from '../views/status-page.js';
import type { LinkSpec } from './link-handler.js';

/**
 * An expired or taken-back status link says which, in the reader's language (the link's case is not read: the
 * browser's Accept-Language), and offers a new one.
 */
function statusRefusalPage(error: unknown, event: APIGatewayProxyEvent): APIGatewayProxyResult | undefined {
  if (!(error instanceof ConcordError) || error.status !== 410) return undefined;
  const t = plainWords(requestLocale(event), statusCatalog);
  const why = error instanceof LinkTakenBackError ? 'status.gone.takenBack' : 'status.gone.expired';
  return goneStatusPage(t, why, '../links');
}

/** `GET/HEAD /status/{id}`: the case in plain words for the patient or physician; JSON: the patient view. */
export const STATUS_LINK: LinkSpec<StatusPorts, StatusData> = {
  open: (link, ports) => showStatus(link.id, link.sig, ports),
  async show(data, link) {
    const sig = encodeURIComponent(link.sig!);
    return {
      json: data.view,
      page: () =>
        statusPage({
          locale: data.view.locale,
          caseId: data.view.caseId,
          status: data.view.status,
          timeline: data.view.timeline,
          ...(data.uploadLink ? { uploadLink: data.uploadLink } : {}),
          recordsAskedOfOther: data.recordsAskedOfOther,
          ...(data.reportReady ? { reportHref: `../reports/${link.id}?sig=${sig}` } : {}),
          resendAction: '../links',
        }),
    };
  },
  refusalPage: statusRefusalPage,
};
