import { showIntakePage } from '../intake/intake-page.js';
import { apiHandler } from '../middleware/api-handler.js';
import * as deps from '../wiring/deps.js';

/** GET/HEAD `/` and `/intake`: the intake form; POST /intake/corrections: the form again, with its mistakes. */
export const handler = apiHandler((event) => showIntakePage(event, { payers: deps.payerList() }));
