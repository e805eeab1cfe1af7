import type { APIGatewayProxyResult } from 'aws-lambda';
import type { Principal } from '../../domain/console-access.js';
import { definitionList, html, page, type Html } from '../page.js';

export interface SignOutForm {
  /** `<public URL>/console/sign-out`. */
  action: string;
  csrfToken: string;
  /** The provider's origin: signing out goes on there to end its own session. */
  providerOrigin?: string;
}

/** The sign-out button: a form carrying the session's CSRF token. */
export function signOutForm(form: SignOutForm): Html {
  return html`<form method="post" action="${form.action}">
    <input type="hidden" name="csrf" value="${form.csrfToken}" />
    <button type="submit">Sign out</button>
  </form>`;
}

/**
 * GET /console for a signed-in person: who they are, and the way out. This is the landing page until the
 * work queue exists; the queue slice (issue 22) replaces this body with the queue and keeps the sign-out form.
 */
export function consoleHomePage(principal: Principal, form: SignOutForm): APIGatewayProxyResult {
  const rows: Array<[string, string]> = [['Name', principal.name ?? principal.subject]];
  if (principal.email) rows.push(['Email', principal.email]);
  rows.push(['Roles', principal.roles.join(', ') || 'none']);
  return page(
    200,
    'Coordinator console',
    html`<p>You are signed in.</p>
      ${definitionList(rows)} ${signOutForm(form)}`,
    form.providerOrigin ? [form.providerOrigin] : [],
  );
}
