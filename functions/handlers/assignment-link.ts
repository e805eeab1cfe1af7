import { callbackDeps } from '../wiring/deps.js';
import { apiHandler } from '../middleware/api-handler.js';
import { answerAssignmentLink } from '../use-cases/assignment-link.js';

/** POST /assignments/{id}?sig=… (the packet: case-packet.ts; the opinion: opinion-link.ts) */
export const handler = apiHandler((event) => answerAssignmentLink(event, callbackDeps()));
