import { CLAIM_LINK } from '../links/claim.js';
import { pageLinkHandler } from '../links/link-handler.js';
import * as deps from '../wiring/deps.js';

/** GET /claims/{id}?sig=…: the FHIR Claim for the insurer the link was granted to. */
export const handler = pageLinkHandler(CLAIM_LINK, () => ({
  grants: deps.grants(),
  cases: deps.cases(),
  secrets: deps.secrets(),
  directory: deps.directory(),
}));
