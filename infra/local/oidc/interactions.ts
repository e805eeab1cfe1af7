import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Provider } from 'oidc-provider';
import type { LocalAccounts } from './accounts.js';
import { providerErrorPage, signInPage, type ProviderPage } from './pages.js';

/** A sign-in form is two short fields: anything larger is refused unread. */
const MAX_FORM_BYTES = 8 * 1024;
const ROUTE = /^\/interaction\/([A-Za-z0-9_-]+)(\/login)?$/;

export interface InteractionPages {
  /** The console, to start again from. */
  consoleHref: string;
  consoleOrigin: string;
}

/**
 * Our own sign-in step for oidc-provider's interactions (its development pages take any password): GET shows
 * the form, POST checks the password against the seeded account. A wrong password or an unknown email gets
 * the same page and status, nothing else happens, and the person tries again. Answers whether it took the
 * request (else it is the provider's).
 */
export function interactionRoutes(provider: Provider, accounts: LocalAccounts, pages: InteractionPages) {
  return (request: IncomingMessage, response: ServerResponse): boolean => {
    const match = ROUTE.exec(new URL(request.url ?? '/', 'http://local').pathname);
    if (!match) return false;
    const [, uid, login] = match;
    const action = `/interaction/${uid}/login`;
    const answer = async () => {
      const interaction = await provider.interactionDetails(request, response);
      if (interaction.uid !== uid || interaction.prompt.name !== 'login') {
        return send(
          response,
          providerErrorPage(400, 'This sign-in step is not the one under way.', pages.consoleHref),
        );
      }
      if (!login || request.method !== 'POST') {
        const hint =
          typeof interaction.params.login_hint === 'string' ? interaction.params.login_hint : undefined;
        return send(response, signInPage({ action, email: hint, consoleOrigin: pages.consoleOrigin }));
      }
      const form = await readForm(request);
      const email = form.get('email') ?? '';
      const accountId = await accounts.verify(email, form.get('password') ?? '');
      if (!accountId) {
        return send(
          response,
          signInPage({ action, email, failed: true, consoleOrigin: pages.consoleOrigin }),
        );
      }
      await provider.interactionFinished(
        request,
        response,
        { login: { accountId } },
        { mergeWithLastSubmission: false },
      );
    };
    answer().catch((error: unknown) => {
      // An interaction that expired, or whose cookie this browser does not have: start again from the console.
      const expired = (error as Error).name === 'SessionNotFound';
      if (response.headersSent) return response.destroy();
      send(
        response,
        providerErrorPage(
          expired ? 400 : 500,
          expired
            ? 'This sign-in has expired, or was started in another browser.'
            : 'The sign-in service failed.',
          pages.consoleHref,
        ),
      );
    });
    return true;
  };
}

function send(response: ServerResponse, page: ProviderPage): void {
  response.writeHead(page.statusCode, page.headers as Record<string, string>);
  response.end(page.body);
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new Error('The form is too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
