import * as deps from '../shared/deps.js';
import { apiHandler } from '../shared/http.js';
import { showIntakePage } from '../use-cases/intake-page.js';

/** GET/HEAD `/` and `/intake`: the intake form; POST /intake/corrections: the form again, with its mistakes. */
export const handler = apiHandler((event) => showIntakePage(event, { payers: deps.payerList() }));
