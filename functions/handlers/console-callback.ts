import type { APIGatewayProxyEvent } from 'aws-lambda';
import { consoleHandler } from '../console/handler.js';
import {
  clearSignInCookie,
  queryOf,
  readCookie,
  sessionCookie,
  sessionMaxAge,
  SIGN_IN_COOKIE,
  withCookies,
} from '../console/http.js';
import { finishSignIn } from '../use-cases/console/sign-in.js';
import { signedInPage } from '../views/console/sign-in-pages.js';
import * as wiring from '../wiring/console.js';

/** GET /console/callback?code=…&state=…: the provider's answer; opens the session, then on to the console. */
async function consoleCallback(event: APIGatewayProxyEvent) {
  const publicUrl = wiring.publicUrl();
  const { session, returnTo } = await finishSignIn(
    {
      transactionId: readCookie(event, SIGN_IN_COOKIE),
      callbackUrl: new URL(`${publicUrl}/console/callback${queryOf(event)}`),
    },
    wiring.signInPorts(),
  );
  return withCookies(signedInPage(publicUrl + returnTo), [
    sessionCookie(publicUrl, session.sessionId, sessionMaxAge(session)),
    clearSignInCookie(publicUrl),
  ]);
}

export const handler = consoleHandler(consoleCallback, { publicUrl: wiring.publicUrl });
