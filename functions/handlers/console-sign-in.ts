import type { APIGatewayProxyEvent } from 'aws-lambda';
import { consoleHandler } from '../console/handler.js';
import {
  readCookie,
  redirect,
  SESSION_COOKIE,
  sessionCookie,
  sessionMaxAge,
  signInCookie,
} from '../console/http.js';
import { signIn, SIGN_IN_SECONDS } from '../use-cases/console/sign-in.js';
import * as wiring from '../wiring/console.js';

/** GET /console/sign-in?returnTo=…: to the provider (with the sign-in's cookie), or back, renewed. */
async function consoleSignIn(event: APIGatewayProxyEvent) {
  const publicUrl = wiring.publicUrl();
  const step = await signIn(
    { sessionId: readCookie(event, SESSION_COOKIE), returnTo: event.queryStringParameters?.returnTo },
    wiring.signInPorts(),
  );
  if (step.kind === 'provider') {
    return redirect(302, step.url, [signInCookie(publicUrl, step.transactionId, SIGN_IN_SECONDS)]);
  }
  const renewed = step.renewed;
  return redirect(
    302,
    publicUrl + step.returnTo,
    renewed ? [sessionCookie(publicUrl, renewed.sessionId, sessionMaxAge(renewed))] : [],
  );
}

export const handler = consoleHandler(consoleSignIn, { publicUrl: wiring.publicUrl });
