import { pageLinkHandler } from '../links/link-handler.js';
import { STATUS_LINK } from '../links/status.js';
import { statusDeps } from '../wiring/deps.js';

/** GET/HEAD /status/{id}?sig=…: the case in plain words for the patient or physician the link was granted to. */
export const handler = pageLinkHandler(STATUS_LINK, () => statusDeps());
