import { consoleAccess, type ConsoleEvent } from '../console/access.js';
import { consoleHandler } from '../console/handler.js';
import { json, wantsJson } from '../middleware/http.js';
import { consoleHomePage } from '../views/console/home-page.js';
import * as wiring from '../wiring/console.js';

/** GET /console: who is signed in (JSON for programs), and the way out. */
async function consoleHome(event: ConsoleEvent) {
  if (wantsJson(event) || !event.csrfToken) return json(200, { principal: event.principal });
  return consoleHomePage(event.principal, {
    action: `${wiring.publicUrl()}/console/sign-out`,
    csrfToken: event.csrfToken,
    providerOrigin: wiring.providerOrigin(),
  });
}

export const handler = consoleHandler(consoleHome, {
  publicUrl: wiring.publicUrl,
  door: consoleAccess({ role: 'coordinator', publicUrl: wiring.publicUrl }),
});
