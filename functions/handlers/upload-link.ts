import { pageLinkHandler } from '../links/link-handler.js';
import { UPLOAD_PAGE_LINK } from '../links/upload-page.js';
import { uploadPageDeps } from '../wiring/deps.js';

/** GET/HEAD /uploads/{id}?sig=… */
export const handler = pageLinkHandler(UPLOAD_PAGE_LINK, () => uploadPageDeps());
