import { callbackDeps } from '../wiring/deps.js';
import { apiHandler } from '../middleware/api-handler.js';
import { answerLink, APPROVAL_LINK } from '../use-cases/callback-links.js';

/** GET/HEAD/POST /approvals/{id}?sig=… */
export const handler = apiHandler((event) => answerLink(event, APPROVAL_LINK, callbackDeps()));
