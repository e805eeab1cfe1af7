import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { consoleAccess, type ConsoleEvent } from '../console/access.js';
import { consoleHandler } from '../console/handler.js';
import { clearSessionCookie, readCookie, redirect, SESSION_COOKIE } from '../console/http.js';
import { signOut } from '../use-cases/console/sign-in.js';
import { signedOutPage } from '../views/console/sign-in-pages.js';
import * as wiring from '../wiring/console.js';

/** POST /console/sign-out: ends the session here, then at the provider, which sends the person back to GET. */
async function consoleSignOut(event: ConsoleEvent) {
  const publicUrl = wiring.publicUrl();
  const signedOut = `${publicUrl}/console/sign-out`;
  const session = { sessionId: readCookie(event, SESSION_COOKIE)!, subject: event.principal.subject };
  const endSession = await signOut(session, signedOut, wiring.signOutPorts());
  return redirect(303, endSession ?? signedOut, [clearSessionCookie(publicUrl)]);
}

const signOutHandler = consoleHandler(consoleSignOut, {
  publicUrl: wiring.publicUrl,
  door: consoleAccess({ peopleOnly: true, publicUrl: wiring.publicUrl }),
});
const signedOutHandler = consoleHandler(async () => signedOutPage(`${wiring.publicUrl()}/console/sign-in`), {
  publicUrl: wiring.publicUrl,
});

/** GET shows that the person has signed out; POST signs out (a session, its CSRF token, same origin). */
export const handler = (event: APIGatewayProxyEvent, context: Context) =>
  event.httpMethod === 'POST' ? signOutHandler(event, context) : signedOutHandler(event, context);
