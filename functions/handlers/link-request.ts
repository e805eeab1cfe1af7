import { answerLinkRequest } from '../intake/link-request.js';
import { apiHandler } from '../middleware/api-handler.js';
import { linkRequestDeps } from '../wiring/deps.js';

/** POST /links: "email me my link again"; always 202, matched or not. */
export const handler = apiHandler((event) => answerLinkRequest(event, linkRequestDeps()));
