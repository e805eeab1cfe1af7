import { isFinished, type CaseStatus } from '../../domain/case.js';
import { html, type Html } from '../page.js';

/** A step of the case that waits on someone, as the case view lists it (API.md's `pending`). */
export interface PendingStepView {
  callbackId: string;
  purpose: string;
  recipient: string;
  dueAt: string;
}

export interface CaseActionsView {
  caseId: string;
  status: CaseStatus;
  pending: readonly PendingStepView[];
  /** A specialist is proposed or assigned (and waited on): reassign can withdraw them. */
  hasSpecialist: boolean;
  csrfToken: string;
  /** `<public URL>/console/cases/<caseId>`: each action posts to `<this>/<action>`. */
  caseUrl: string;
}

/** How far a coordinator may extend a step from now, in days (the API takes up to 24). */
const EXTENSIONS = [1, 2, 3, 7, 14];

const form = (view: CaseActionsView, action: string, fields: Html, button: string) =>
  html`<form method="post" action="${view.caseUrl}/${action}">
    <input type="hidden" name="csrf" value="${view.csrfToken}" />
    ${fields}
    <button type="submit">${button}</button>
  </form>`;

/** A required reason, labelled: every action is a timeline event saying who did it and why. */
const reason = (id: string, label: string) =>
  html`<label for="${id}">${label}</label>
    <textarea id="${id}" name="reason" required maxlength="2000"></textarea>`;

function pendingStep(view: CaseActionsView, step: PendingStepView, index: number): Html {
  const extendId = `extend-days-${index}`;
  return html`<li>
    <p><strong>${step.purpose}</strong>, waiting on ${step.recipient}, due ${step.dueAt}</p>
    ${form(view, 'resend', html`<input type="hidden" name="callbackId" value="${step.callbackId}" />`, 'Re-send link')}
    ${form(
      view,
      'extend',
      html`<input type="hidden" name="callbackId" value="${step.callbackId}" />
        <label for="${extendId}">Extend the deadline to</label>
        <select id="${extendId}" name="days">
          ${EXTENSIONS.map((days) => html`<option value="${days}">${days} day${days > 1 ? 's' : ''} from now</option>`)}
        </select>`,
      'Extend deadline',
    )}
  </li>`;
}

/**
 * The case view's actions, each a plain form posting to `/console/cases/{caseId}/<action>` with the session's CSRF
 * token (no script): resume a stopped case, cancel an open one, re-send or extend each pending step, reassign the
 * specialist, take back the links sent to people (any case, finished ones too). Only the actions the case's state allows are shown; the server checks again (a stale one is a 409).
 */
export function caseActions(view: CaseActionsView): Html {
  const takeBack = form(
    view,
    'take-back-links',
    reason('take-back-reason', 'Why take back the links sent to the patient, physician and insurer'),
    'Take back their links',
  );
  if (isFinished(view.status))
    return html`<section aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      ${takeBack}
    </section>`;
  const stopped = view.status === 'needs-attention';
  return html`<section aria-labelledby="actions-heading">
    <h2 id="actions-heading">Actions</h2>
    ${
      stopped
        ? form(view, 'resume', reason('resume-reason', 'Why resume (shown on the timeline)'), 'Resume case')
        : html``
    }
    ${
      !stopped && view.pending.length > 0
        ? html`<h3>Waiting steps</h3>
            <ul>
              ${view.pending.map((step, index) => pendingStep(view, step, index))}
            </ul>`
        : html``
    }
    ${
      !stopped && view.hasSpecialist
        ? form(
            view,
            'reassign',
            reason('reassign-reason', 'Why withdraw the specialist'),
            'Reassign specialist',
          )
        : html``
    }
    ${form(view, 'cancel', reason('cancel-reason', 'Why cancel (the patient and physician are told it was cancelled)'), 'Cancel case')}
    ${takeBack}
  </section>`;
}
