import type { APIGatewayProxyResult } from 'aws-lambda';
import type { ApprovalPurpose } from '../../domain/callback.js';
import { approvalFields } from '../approval-page.js';
import { definitionList, html, type Html } from '../page.js';
import type { CaseFile, PendingStep } from './case-file.js';
import { priorAuthorizationFields } from '../prior-authorization-page.js';
import {
  coverageSection,
  intakeSection,
  opinionsSection,
  outcomeSection,
  recordsSection,
  timelineSection,
} from './case-sections.js';
import { consolePage, type ConsoleFrame } from './layout.js';
import {
  agoWords,
  cancerTypeWords,
  dueWords,
  shortCaseId,
  STATUS_WORDS,
  timeWords,
  urgencyWords,
  waitingOnWords,
} from './words.js';

/** What each human step asks, in words. */
const PURPOSE_WORDS: Readonly<Record<string, string>> = {
  coverage: 'Coverage: the plan does not cover a second opinion, or the payer is unknown',
  'second-opinion': 'Prior authorization from the insurer',
  'prior-authorization-denied': 'The insurer denied prior authorization',
  'prior-authorization-overdue': 'The insurer did not answer prior authorization in time',
  records: 'Medical records from the referring physician or patient',
  'records-incomplete': 'Records are still missing after every reminder',
  'specialist-match': 'Approve the proposed specialist',
  opinion: "The specialist's acceptance and opinion",
  'more-tests': 'Further tests the specialist asked for',
  'third-opinion': 'The opinions disagree: seek another opinion?',
};
export const purposeWords = (purpose: string) => PURPOSE_WORDS[purpose] ?? purpose;

/** The console decides what the emailed pages decide: a coordinator's approvals and an insurer's answer. */
function decisionForm(frame: ConsoleFrame, caseId: string, step: PendingStep): Html {
  if (step.link === 'expired' || (step.kind !== 'approval' && step.kind !== 'prior-authorization')) {
    return html`<p>Answered by ${step.recipient} through their own link.</p>`;
  }
  const prefix = `d${step.callbackId.slice(0, 8)}-`;
  return html`<form method="post" action="${frame.publicUrl}/console/cases/${caseId}/decisions">
    <input type="hidden" name="csrf" value="${frame.csrfToken}" />
    <input type="hidden" name="callbackId" value="${step.callbackId}" />
    ${
      step.kind === 'approval'
        ? approvalFields(step.purpose as ApprovalPurpose, prefix)
        : priorAuthorizationFields(prefix)
    }
  </form>`;
}

function pendingSection(frame: ConsoleFrame, file: CaseFile, now: Date): Html {
  if (file.pending.length === 0)
    return html`<section class="pane">
      <h2>Waiting for a person</h2>
      <p>No one is being asked anything right now.</p>
    </section>`;
  return html`<section class="pane">
    <h2>Waiting for a person</h2>
    ${file.pending.map((step) => {
      const due = dueWords(step.dueAt, now);
      return html`<article>
        <h3>${purposeWords(step.purpose)}</h3>
        ${definitionList([
          ['Asked', step.recipient],
          ['Since', `${timeWords(step.requestedAt)} (${agoWords(step.requestedAt, now)})`],
          ['Due', step.dueAt ? `${due.text} (${timeWords(step.dueAt)})` : due.text],
          ['Reminders sent', String(step.remindersSent)],
          [
            'Emailed link',
            step.link === 'live'
              ? `Works until ${timeWords(step.expiresAt)}`
              : `Expired ${timeWords(step.expiresAt)}`,
          ],
        ])}
        ${decisionForm(frame, file.caseId, step)}
      </article>`;
    })}
  </section>`;
}

function summarySection(file: CaseFile, now: Date): Html {
  const due = dueWords(file.dueAt, now);
  const insurance = file.intake.insurance;
  return html`<section class="pane">
    <h2>Where the case stands</h2>
    ${
      file.status === 'needs-attention'
        ? html`<p>
            <span class="badge">Needs attention</span> The workflow stopped; see the timeline for why.
          </p>`
        : html``
    }
    <dl>
      <dt>Status</dt>
      <dd>${STATUS_WORDS[file.status]}</dd>
      <dt>Waiting on</dt>
      <dd>${waitingOnWords(file.waitingOn)}</dd>
      <dt>Since</dt>
      <dd>${file.waitingSince ? agoWords(file.waitingSince, now) : 'Not known'}</dd>
      <dt>Due</dt>
      <dd class="${due.overdue ? 'overdue' : ''}">
        ${due.text}${file.dueAt ? html` (<time datetime="${file.dueAt}">${timeWords(file.dueAt)}</time>)` : html``}
      </dd>
      <dt>Cancer type</dt>
      <dd>${cancerTypeWords(file.cancerType)}</dd>
      <dt>Urgency</dt>
      <dd>${urgencyWords(file.intake.urgency)}</dd>
      <dt>Payer</dt>
      <dd>${'payerId' in insurance ? insurance.payerId : 'Self-pay'}</dd>
      <dt>Received</dt>
      <dd>${timeWords(file.createdAt)}</dd>
      <dt>Case id</dt>
      <dd>${file.caseId}</dd>
    </dl>
  </section>`;
}

/** `GET /console/cases/{caseId}`: the whole case on one page, PHI included (the door let a coordinator in). */
export function casePage(
  frame: ConsoleFrame,
  file: CaseFile,
  now: Date,
  justDecided = false,
): APIGatewayProxyResult {
  return consolePage(
    frame,
    `Case ${shortCaseId(file.caseId)}`,
    html`${justDecided ? html`<p class="notice" role="status">Your decision is recorded; the case moves on.</p>` : html``}
      <div class="panes">${summarySection(file, now)} ${pendingSection(frame, file, now)}</div>
      ${intakeSection(file.intake)} ${coverageSection(file, now)} ${recordsSection(file)}
      ${opinionsSection(file)} ${outcomeSection(file)} ${timelineSection(file.timeline)}`,
  );
}
