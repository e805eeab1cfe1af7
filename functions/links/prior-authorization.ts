import { PRIOR_AUTHORIZATION_DECISION, priorAuthorizationSummary } from '../use-cases/prior-authorization.js';
import { priorAuthorizationPage } from '../views/prior-authorization-page.js';
import { decisionLink } from './decision-link.js';

/** `/prior-authorizations/{id}`: an insurer's prior-authorization answer. */
export const PRIOR_AUTHORIZATION_LINK = /* @__PURE__ */ decisionLink({
  kind: 'prior-authorization',
  summary: async ({ caseRecord }) => priorAuthorizationSummary(caseRecord),
  form: priorAuthorizationPage,
  ...PRIOR_AUTHORIZATION_DECISION,
});
