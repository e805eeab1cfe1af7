import { linkHandler } from '../links/link-handler.js';
import { PRIOR_AUTHORIZATION_LINK } from '../links/prior-authorization.js';
import { decisionDeps } from '../wiring/deps.js';

/** GET/HEAD/POST /prior-authorizations/{id}?sig=… */
export const handler = linkHandler(PRIOR_AUTHORIZATION_LINK, () => decisionDeps());
