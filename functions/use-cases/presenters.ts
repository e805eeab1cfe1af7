import type { CallbackKind } from '../domain/callback.js';
import type { CallbackPresenter } from './callbacks.js';
import { approvalPresenter } from './coverage-approval.js';

/** How each kind of callback is addressed and worded. */
export const PRESENTERS: Record<CallbackKind, CallbackPresenter> = {
  approval: approvalPresenter,
};
