import { recordDeps } from '../shared/deps.js';
import { apiHandler } from '../shared/http.js';
import { answerAssignmentLink } from '../use-cases/assignment-link.js';

/** GET/HEAD/POST /assignments/{id}?sig=… and POST /assignments/{id}/opinion?sig=… */
export const handler = apiHandler((event) => answerAssignmentLink(event, recordDeps()));
