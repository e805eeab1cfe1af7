import { consoleAccess, type ConsoleEvent } from '../console/access.js';
import { answerDecision } from '../console/decisions.js';
import { consoleHandler } from '../console/handler.js';
import * as wiring from '../wiring/console.js';

/** POST /console/cases/{caseId}/decisions: decide a pending step, as its emailed link would. */
export const handler = consoleHandler((event: ConsoleEvent) => answerDecision(event, wiring.decidePorts()), {
  publicUrl: wiring.publicUrl,
  door: consoleAccess({ role: 'coordinator', publicUrl: wiring.publicUrl }),
});
