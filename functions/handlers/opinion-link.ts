import { callbackDeps } from '../shared/deps.js';
import { apiHandler } from '../shared/http.js';
import { answerOpinionLink } from '../use-cases/opinion-link.js';

/** POST /assignments/{id}/opinion?sig=… */
export const handler = apiHandler((event) => answerOpinionLink(event, callbackDeps()));
