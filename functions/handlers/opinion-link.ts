import { callbackDeps } from '../wiring/deps.js';
import { apiHandler } from '../middleware/api-handler.js';
import { answerOpinionLink } from '../use-cases/opinion-link.js';

/** POST /assignments/{id}/opinion?sig=… */
export const handler = apiHandler((event) => answerOpinionLink(event, callbackDeps()));
