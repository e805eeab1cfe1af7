import { CONFIRMATION_LINK } from '../links/confirmation.js';
import { linkHandler } from '../links/link-handler.js';
import { confirmationDeps } from '../wiring/deps.js';

/** GET/HEAD /confirmations/{id}?sig=…: the page; POST: the submitter confirms and the request starts. */
export const handler = linkHandler(CONFIRMATION_LINK, () => confirmationDeps());
