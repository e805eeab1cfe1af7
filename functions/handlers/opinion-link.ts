import { linkHandler } from '../links/link-handler.js';
import { OPINION_LINK } from '../links/opinion.js';
import { opinionDeps } from '../wiring/deps.js';

/** POST /assignments/{id}/opinion?sig=… */
export const handler = linkHandler(OPINION_LINK, () => opinionDeps());
