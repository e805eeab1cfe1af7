import type { CallbackKind } from '../domain/callback.js';
import type { CallbackPresenter } from './callbacks.js';
import { assignmentPresenter } from './assignment/request.js';
import { approvalPresenter } from './approvals.js';
import { priorAuthorizationPresenter } from './prior-authorization.js';
import { recordsPresenter } from './records.js';

/** How each kind of callback is addressed and worded. */
export const PRESENTERS: Record<CallbackKind, CallbackPresenter> = {
  approval: approvalPresenter,
  'prior-authorization': priorAuthorizationPresenter,
  records: recordsPresenter,
  assignment: assignmentPresenter,
};
