import { showStatus, type StatusData, type StatusPorts } from '../use-cases/status.js';
import { statusPage } from '../views/status-page.js';
import { goneLinkPage } from './gone-link-page.js';
import type { LinkSpec } from './link-handler.js';

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
  refusalPage: goneLinkPage,
};
