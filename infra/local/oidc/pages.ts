import type { APIGatewayProxyResult } from 'aws-lambda';
import { html, page, raw, type Html } from '../../../functions/views/page.js';

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

// Concord's page style leaves inputs small: here they are the whole page, so make them easy to hit and read.
const FIELD_STYLE = 'font-size:1rem;padding:.5rem;width:100%;max-width:24rem;box-sizing:border-box';

interface Field {
  name: 'email' | 'password';
  label: string;
  autocomplete: string;
  value?: string;
  focus: boolean;
  /** After a failed attempt both fields are marked, pointing at the error (which of them was wrong is not said). */
  invalid: boolean;
}

function field(input: Field): Html {
  const invalid = input.invalid ? raw('aria-invalid="true" aria-describedby="sign-in-error"') : raw('');
  return html`<p>
    <label for="${input.name}">${input.label}</label><br />
    <input
      id="${input.name}"
      name="${input.name}"
      type="${input.name}"
      autocomplete="${input.autocomplete}"
      required
      value="${input.value ?? ''}"
      style="${FIELD_STYLE}"
      ${invalid}
      ${input.focus ? raw('autofocus') : raw('')}
    />
  </p>`;
}

export function signInPage(form: SignInForm): ProviderPage {
  const failed = form.failed ?? false;
  return page(
    failed ? 401 : 200,
    'Sign in to Concord',
    html`${
        failed
          ? html`<div class="notice" role="alert" id="sign-in-error">
              <p>That email and password do not match an account. Check both and try again.</p>
            </div>`
          : raw('')
      }
      <form method="post" action="${form.action}">
        ${field({ name: 'email', label: 'Email', autocomplete: 'username', value: form.email, focus: !failed, invalid: failed })}
        ${field({ name: 'password', label: 'Password', autocomplete: 'current-password', focus: failed, invalid: failed })}
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
