import { AlreadyDecidedError } from '../shared/errors.js';
import {
  openRecordsLink,
  uploadPageModel,
  type RecordsLink,
  type UploadPagePorts,
} from '../use-cases/upload-link.js';
import { recordsCompletePage, uploadPage } from '../views/upload-page.js';
import type { LinkSpec } from './link-handler.js';

/** `GET/HEAD /uploads/{id}`: the records page for people, or the checklist for a program. */
export const UPLOAD_PAGE_LINK: LinkSpec<UploadPagePorts, RecordsLink> = {
  forPatients: true,
  open: (link, ports) => openRecordsLink(link.id, link.sig, ports),
  async show(opened, link, ports) {
    const self = `${ports.settings.publicUrl}/uploads/${link.id}?sig=${link.sig}`;
    // S3 sends the browser back here after an upload, adding the object's key.
    const { list, model } = await uploadPageModel(opened, self, link.returnedKey, ports);
    return { json: list, page: async () => uploadPage(await model()) };
  },
  // The case takes no more records (it ended, or the request's link outlived): a thank-you, not a refusal.
  refusalPage: (error) => (error instanceof AlreadyDecidedError ? recordsCompletePage() : undefined),
};
