import type { APIGatewayProxyResult } from 'aws-lambda';
import type { CallbackRecord } from '../domain/callback.js';
import { definitionList, html, page, type Html } from './page.js';

/**
 * The insurer's answer, the same wherever it is recorded (the emailed page, the console's case view, when the
 * insurer answers a coordinator by phone): a reference, a comment, approved or denied.
 */
export function priorAuthorizationFields(idPrefix = ''): Html {
  return html`<p>
      <label for="${idPrefix}reference">Prior-authorization reference</label><br />
      <input
        id="${idPrefix}reference"
        name="reference"
        required
        maxlength="64"
        pattern="[A-Za-z0-9][A-Za-z0-9._\\/\\-]{0,63}"
      />
    </p>
    <p>
      <label for="${idPrefix}comment">Comment (optional)</label><br />
      <textarea id="${idPrefix}comment" name="comment" maxlength="2000"></textarea>
    </p>
    <button type="submit" name="decision" value="approved">Approved</button>
    <button type="submit" name="decision" value="denied">Denied</button>`;
}

/** The insurer's page: the member and service, and a form recording approved or denied with a reference. */
export function priorAuthorizationPage(
  callback: CallbackRecord,
  summary: Array<[string, string]>,
  sig: string,
): APIGatewayProxyResult {
  return page(
    200,
    'Prior authorization request',
    html`<p>Please record your prior-authorization decision for case <strong>${callback.caseId}</strong>.</p>
      ${definitionList(summary)}
      <form method="post" action="?sig=${sig}">${priorAuthorizationFields()}</form>`,
  );
}
