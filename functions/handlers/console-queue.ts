import { consoleAccess, type ConsoleEvent } from '../console/access.js';
import { consoleHandler } from '../console/handler.js';
import { answerQueue } from '../console/queue.js';
import * as wiring from '../wiring/console.js';

/** GET /console and GET /console/cases: the coordinators' work queue (HTML, or JSON for programs). */
export const handler = consoleHandler((event: ConsoleEvent) => answerQueue(event, wiring.queuePorts()), {
  publicUrl: wiring.publicUrl,
  door: consoleAccess({ role: 'coordinator', publicUrl: wiring.publicUrl }),
});
