/** A program (the demo seed's EHR worklist) acting on cases through the console's JSON API, over HTTP. */
import type { TestStack } from './stack.js';

/** An access token for the seed's first API client, by client credentials at the stack's sign-in service. */
export async function programToken(stack: TestStack): Promise<string> {
  const client = stack.staff.apiClients[0]!;
  const response = await fetch(`${stack.urls.oidc}/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'concord/coordinator' }),
  });
  if (response.status !== 200) throw new Error(`Token request answered ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** POST /console/cases/{caseId}/{action} as that program: the status and the JSON answer. */
export async function consoleAction(
  stack: TestStack,
  token: string,
  caseId: string,
  action: 'resume' | 'cancel' | 'resend' | 'extend' | 'reassign' | 'take-back-links',
  body: Record<string, unknown>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${stack.urls.api}/console/cases/${caseId}/${action}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json',
      Authorization: `Bearer ${token}`,
    },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The callback id of a signed link (`…/<path>/<id>?sig=…`). */
export const callbackIdOf = (link: string): string => new URL(link).pathname.split('/').at(-1)!;
