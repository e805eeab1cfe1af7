import { APPROVAL_DECISION, approvalSummary } from '../use-cases/approvals.js';
import { approvalPage } from '../views/approval-page.js';
import { decisionLink } from './decision-link.js';

/** `/approvals/{id}`: a coordinator's approval. */
export const APPROVAL_LINK = /* @__PURE__ */ decisionLink({
  kind: 'approval',
  summary: approvalSummary,
  form: approvalPage,
  ...APPROVAL_DECISION,
});
