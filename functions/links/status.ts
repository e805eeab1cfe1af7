import type { APIGatewayProxyResult } from 'aws-lambda';
import { ConcordError } from '../shared/errors.js';
import { showStatus, type StatusData, type StatusPorts } from '../use-cases/status.js';
import { statusCatalog } from '../views/i18n/catalogs.js';
import { plainWords } from '../views/i18n/plain-words.js';
import { html, page } from '../views/page.js';
import { resendForm, statusPage } from '../views/status-page.js';
import type { LinkSpec } from './link-handler.js';

/** An expired or taken-back status link says so, and offers a new one (the refusal's words, then the form). */
function statusRefusalPage(error: unknown): APIGatewayProxyResult | undefined {
  if (!(error instanceof ConcordError) || error.status !== 410) return undefined;
  const t = plainWords('en', statusCatalog);
  return page(
    410,
    'This link no longer works',
    html`<p class="notice">${error.message}</p>
      ${resendForm(t, '../links')}`,
  );
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
