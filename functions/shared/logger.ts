import { Logger } from '@aws-lambda-powertools/logger';

/** Structured logs carry IDs only: never names, emails, diagnoses or record contents. */
export const logger = new Logger({ serviceName: 'concord' });
