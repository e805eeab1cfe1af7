import type { APIGatewayProxyResult } from 'aws-lambda';
import { html, page, raw } from '../../../functions/views/page.js';

/** The local provider's pages, built like Concord's own (no script, every value escaped, no-store). */
export type ProviderPage = APIGatewayProxyResult;

export interface SignInForm {
  /** Where the form posts: `/interaction/<uid>/login`. */
  action: string;
  email?: string;
  /** The last attempt failed: say so, for screen readers too, without saying which field was wrong. */
  failed?: boolean;
  /** The console's origin: after the form, the provider sends the browser back there. */
  consoleOrigin: string;
}

const FIELD_STYLE = 'font-size:1rem;padding:.5rem;width:100%;max-width:24rem;box-sizing:border-box';

export function signInPage(form: SignInForm): ProviderPage {
  const invalid = form.failed ? raw('aria-invalid="true" aria-describedby="sign-in-error"') : raw('');
  // Concord's page style leaves inputs small: these are the whole page, so make them easy to hit and read.
  const field = raw(`style="${FIELD_STYLE}"`);
  return page(
    form.failed ? 401 : 200,
    'Sign in to Concord',
    html`${
        form.failed
          ? html`<div class="notice" role="alert" id="sign-in-error">
              <p>That email and password do not match an account. Check both and try again.</p>
            </div>`
          : raw('')
      }
      <form method="post" action="${form.action}">
        <p>
          <label for="email">Email</label><br />
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value="${form.email ?? ''}"
            ${field}
            ${invalid}
            ${form.failed ? raw('') : raw('autofocus')}
          />
        </p>
        <p>
          <label for="password">Password</label><br />
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            ${field}
            ${invalid}
            ${form.failed ? raw('autofocus') : raw('')}
          />
        </p>
        <button type="submit">Sign in</button>
      </form>`,
    [form.consoleOrigin],
  );
}

/** RP-initiated logout asks the person to confirm (the provider's own form: its action and CSRF field). */
export function signOutPage(providerForm: string, consoleOrigin: string): ProviderPage {
  return page(
    200,
    'Finish signing out',
    html`<p>
        You have left the Concord console. Finish signing out here, so that this browser must sign in again.
      </p>
      ${raw(providerForm)}
      <button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>`,
    [consoleOrigin],
  );
}

export function signedOutPage(): ProviderPage {
  return page(200, 'Signed out', html`<p>You have signed out of the Concord sign-in service.</p>`);
}

/** Something the provider cannot go on with (an expired sign-in, a bad request): start again from the console. */
export function providerErrorPage(status: number, detail: string, consoleHref: string): ProviderPage {
  return page(
    status,
    'Sign-in could not continue',
    html`<p class="notice">${detail}</p>
      <p><a href="${consoleHref}">Back to the Concord console</a> to start again.</p>`,
  );
}
