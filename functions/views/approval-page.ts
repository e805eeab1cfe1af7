import type { APIGatewayProxyResult } from 'aws-lambda';
import { APPROVAL_BASES, type ApprovalPurpose, type CallbackRecord } from '../domain/callback.js';
import { approvalTopic } from './approval-topics.js';
import { definitionList, html, page, type Html } from './page.js';

const BASIS_LABELS: Record<string, string> = {
  'self-pay': 'as self-pay',
  exception: 'as an exception',
  chase: 'by chasing the insurer again (a new request, a new clock)',
  'partial-records': 'with the records received so far',
};

/** What approve and reject do differs by purpose: most rejects close the case, these do not. */
const BUTTONS: Partial<Record<ApprovalPurpose, { approve: string; reject: string }>> = {
  'specialist-match': { approve: 'Approve and assign', reject: 'Reject: propose the next candidate' },
  'third-opinion': { approve: 'Seek another opinion', reject: 'No: deliver the report with these opinions' },
};
const DEFAULT_BUTTONS = { approve: 'Approve', reject: 'Reject and close the case' };

function basisChoices(purpose: ApprovalPurpose): Html {
  const bases: readonly string[] = APPROVAL_BASES[purpose];
  if (bases.length === 0) return html``;
  return html`<fieldset>
    <legend>If you approve, the case proceeds</legend>
    ${bases.map(
      (basis, i) =>
        html`<label
            ><input type="radio" name="basis" value="${basis}" ${i === 0 ? html` checked` : html``} />
            ${BASIS_LABELS[basis] ?? basis}</label
          ><br />`,
    )}
  </fieldset>`;
}

/**
 * An approval's choices, the same wherever it is decided (the emailed page, the console's case view): the
 * bases its purpose allows, a comment, and approve or reject. `idPrefix` keeps ids unique on a page of several.
 */
export function approvalFields(purpose: ApprovalPurpose, idPrefix = ''): Html {
  const buttons = BUTTONS[purpose] ?? DEFAULT_BUTTONS;
  return html`${basisChoices(purpose)}
    <p>
      <label for="${idPrefix}comment">Comment (kept in the case timeline)</label><br />
      <textarea id="${idPrefix}comment" name="comment" maxlength="2000"></textarea>
    </p>
    <button type="submit" name="decision" value="approve">${buttons.approve}</button>
    <button type="submit" name="decision" value="reject">${buttons.reject}</button>`;
}

/**
 * The approval page: the case summary and a form that POSTs back to this same signed URL.
 * Rendering it (GET, HEAD, a mail scanner's prefetch) decides nothing.
 */
export function approvalPage(
  callback: CallbackRecord,
  summary: Array<[string, string]>,
  sig: string,
): APIGatewayProxyResult {
  return page(
    200,
    `Approval needed: ${approvalTopic(callback.purpose)}`,
    html`<p>Case <strong>${callback.caseId}</strong> needs a coordinator's decision.</p>
      ${definitionList(summary)}
      <form method="post" action="?sig=${sig}">${approvalFields(callback.purpose as ApprovalPurpose)}</form>`,
  );
}
