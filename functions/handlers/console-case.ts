import { consoleAccess, type ConsoleEvent } from '../console/access.js';
import { answerCase } from '../console/case-view.js';
import { consoleHandler } from '../console/handler.js';
import * as wiring from '../wiring/console.js';

/** GET /console/cases/{caseId}: one case, whole (HTML, or JSON for programs). */
export const handler = consoleHandler((event: ConsoleEvent) => answerCase(event, wiring.casePorts()), {
  publicUrl: wiring.publicUrl,
  door: consoleAccess({ role: 'coordinator', publicUrl: wiring.publicUrl }),
});
