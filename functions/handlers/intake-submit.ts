import { submitIntake } from '../intake/intake-submit.js';
import { apiHandler } from '../middleware/api-handler.js';
import * as deps from '../wiring/deps.js';

/** POST `/` and `/intake`: the intake form (or JSON), validated and stored as `POST /cases` does. */
export const handler = apiHandler((event) => submitIntake(event, deps.intakeDeps()));
