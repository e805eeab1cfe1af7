import { callbackDeps } from '../wiring/deps.js';
import { apiHandler } from '../middleware/api-handler.js';
import { answerLink, PRIOR_AUTHORIZATION_LINK } from '../use-cases/callback-links.js';

/** GET/HEAD/POST /prior-authorizations/{id}?sig=… */
export const handler = apiHandler((event) => answerLink(event, PRIOR_AUTHORIZATION_LINK, callbackDeps()));
