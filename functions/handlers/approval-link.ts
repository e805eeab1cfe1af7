import { callbackDeps } from '../shared/deps.js';
import { apiHandler } from '../shared/http.js';
import { answerLink, APPROVAL_LINK } from '../use-cases/callback-links.js';

/** GET/HEAD/POST /approvals/{id}?sig=… */
export const handler = apiHandler((event) => answerLink(event, APPROVAL_LINK, callbackDeps()));
