import type { CaseRecord } from '../domain/case.js';
import type { CallbackStore, CaseReads, Grants, Secrets } from '../domain/ports.js';
import { linkFor } from './callbacks.js';
import { openGrant } from './grants.js';
import { patientView, type PatientView } from './patient-view.js';

export interface StatusPorts {
  grants: Grants;
  cases: CaseReads;
  callbacks: CallbackStore;
  secrets: Secrets;
  settings: { publicUrl: string };
}

/** What the status page shows its reader (the patient or physician the link was granted to). */
export interface StatusData {
  view: PatientView;
  /** The records request waiting on this reader: the upload page's link. */
  uploadLink?: string;
  /** Records are asked of the other party (the physician, usually), with a link of their own. */
  recordsAskedOfOther: boolean;
  reportReady: boolean;
}

/**
 * The records request the case waits on now, if any: the latest callback step while records are gathered
 * (the callback's own record says whether it is still pending, and whom it asks).
 */
async function pendingRecordsRequest(record: CaseRecord, callbacks: CallbackStore) {
  if (record.status !== 'gathering-records') return undefined;
  const latest = Object.entries(record.steps)
    .filter(([key]) => key.startsWith('callback:'))
    .sort(([, left], [, right]) => (left < right ? -1 : left > right ? 1 : 0))
    .at(-1);
  if (!latest) return undefined;
  const callback = await callbacks.get(latest[0].slice('callback:'.length));
  return callback?.kind === 'records' && callback.status === 'pending' ? callback : undefined;
}

/** `GET /status/{id}?sig=…`: the case in plain words for the reader the link was granted to; changes nothing. */
export async function showStatus(
  grantId: string,
  sig: string | undefined,
  ports: StatusPorts,
): Promise<StatusData> {
  const { grant, record } = await openGrant(grantId, sig, 'case', ports);
  const [view, request] = await Promise.all([
    patientView(record, ports.cases),
    pendingRecordsRequest(record, ports.callbacks),
  ]);
  const forReader = request && request.recipient.toLowerCase() === grant.recipient.toLowerCase();
  return {
    view,
    ...(forReader ? { uploadLink: await linkFor(request, ports) } : {}),
    recordsAskedOfOther: request !== undefined && !forReader,
    reportReady: record.steps.report !== undefined,
  };
}
