import { CONFIRMATION_MESSAGE } from '../domain/confirmation.js';
import type { RecordFiles, RecordStore, UnconfirmedCases } from '../domain/ports.js';
import { logger } from '../shared/logger.js';

/** How many expired intakes one sweep deletes; the next sweep takes the rest. */
const SWEEP_LIMIT = 100;

export interface ExpiryPorts {
  cases: UnconfirmedCases;
  records: RecordStore;
  files: RecordFiles;
}

/**
 * Deletes every unconfirmed intake past its confirmation time, with its records (files and their items), its
 * events and its confirmation message. Safe to repeat: a sweep stopped midway leaves the case on the queue.
 */
export async function expireUnconfirmed(ports: ExpiryPorts, nowSeconds = Math.floor(Date.now() / 1000)) {
  const due = await ports.cases.due(nowSeconds, SWEEP_LIMIT);
  let deleted = 0;
  for (const caseId of due) {
    for (const record of await ports.records.list(caseId)) await ports.files.remove(record.key);
    if (await ports.cases.purge(caseId, nowSeconds, [CONFIRMATION_MESSAGE])) {
      deleted++;
      logger.info('Unconfirmed case deleted', { caseId });
    }
  }
  return { deleted };
}
