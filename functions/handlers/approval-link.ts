import { APPROVAL_LINK } from '../links/approval.js';
import { linkHandler } from '../links/link-handler.js';
import { decisionDeps } from '../wiring/deps.js';

/** GET/HEAD/POST /approvals/{id}?sig=… */
export const handler = linkHandler(APPROVAL_LINK, () => decisionDeps());
