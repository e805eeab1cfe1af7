import { ASSIGNMENT_DECISION_LINK } from '../links/assignment-decision.js';
import { linkHandler } from '../links/link-handler.js';
import { callbackDeps } from '../wiring/deps.js';

/** POST /assignments/{id}?sig=… (the packet: case-packet.ts; the opinion: opinion-link.ts) */
export const handler = linkHandler(ASSIGNMENT_DECISION_LINK, () => callbackDeps());
