import { AlreadyDecidedError } from '../shared/errors.js';
import { openCallback, type OpenedCallback } from '../use-cases/callbacks.js';
import { recordChecklist } from '../use-cases/records.js';
import { uploadForms, type UploadPagePorts } from '../use-cases/upload-link.js';
import { recordsCompletePage, uploadPage } from '../views/upload-page.js';
import type { LinkSpec } from './link-handler.js';

/** `GET/HEAD /uploads/{id}`: the records page for people, or the checklist for a program. */
export const UPLOAD_PAGE_LINK: LinkSpec<UploadPagePorts, OpenedCallback> = {
  open: (link, ports) => openCallback(link.id, link.sig, 'records', ports),
  async show({ callback }, link, ports) {
    const list = await recordChecklist(callback.caseId, ports.records);
    const self = `${ports.settings.publicUrl}/uploads/${link.id}?sig=${link.sig}`;
    return {
      json: list,
      page: async () =>
        uploadPage(
          callback.caseId,
          list,
          await uploadForms(callback.caseId, self, ports),
          ports.settings.recordMaxBytes,
        ),
    };
  },
  // The request answered (every record in, or the team went on): a thank-you rather than a refusal.
  refusalPage: (error) => (error instanceof AlreadyDecidedError ? recordsCompletePage() : undefined),
};
