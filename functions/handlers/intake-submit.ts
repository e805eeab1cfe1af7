import { config } from '../shared/config.js';
import * as deps from '../shared/deps.js';
import { apiHandler } from '../shared/http.js';
import { submitIntake } from '../use-cases/intake-submit.js';

/** POST `/` and `/intake`: the intake form (or JSON), validated and stored as `POST /cases` does. */
export const handler = apiHandler((event) =>
  submitIntake(event, {
    cases: deps.caseIntake(),
    workflow: deps.workflow(),
    secrets: deps.secrets(),
    idempotencyTtlSeconds: config().idempotencyTtlSeconds,
  }),
);
