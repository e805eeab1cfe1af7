import { pollUntil } from '../poll.js';

/** Required before matching (API.md, "Records"), in the checklist's order. */
export const REQUIRED_RECORD_TYPES = [
  'pathology-report',
  'imaging',
  'lab-results',
  'treatment-plan',
  'physician-notes',
] as const;

/** POST /cases/{caseId}/records → 201. */
export interface UploadGrant {
  recordId: string;
  uploadUrl: string;
  method: 'PUT';
  headers: Record<string, string>;
  expiresAt: string;
}

/** GET /cases/{caseId}/records. */
export interface RecordsView {
  caseId: string;
  complete: boolean;
  missing: string[];
  items: Array<{ type: string; required: boolean; received: boolean }>;
  records: Array<{
    recordId: string;
    type: string;
    status: 'requested' | 'received' | 'refused';
    fileName?: string;
    refusedReason?: string;
  }>;
}

interface CaseStatusView {
  status: string;
  timeline: Array<{ type: string }>;
}

/** A tiny but well-formed-looking PDF (it starts with `%PDF`, which is all the sniffer reads). */
export function tinyPdf(label = 'record'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

const bearer = (accessToken: string) => ({ Authorization: `Bearer ${accessToken}` });

/** Announces a file: POST /cases/{caseId}/records with the Bearer token; throws unless 201. */
export async function announceRecord(
  apiBase: string,
  caseId: string,
  accessToken: string,
  announced: { type: string; fileName: string; contentType: string; sizeBytes: number },
): Promise<UploadGrant> {
  const response = await fetch(`${apiBase}/cases/${caseId}/records`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...bearer(accessToken) },
    body: JSON.stringify(announced),
  });
  if (response.status !== 201)
    throw new Error(`POST /cases/${caseId}/records answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as UploadGrant;
}

/** PUTs bytes to a grant's upload URL with the grant's headers (or others, to misbehave); throws unless 2xx. */
export async function putFile(
  grant: UploadGrant,
  body: Buffer,
  headers: Record<string, string> = grant.headers,
): Promise<Response> {
  const response = await fetch(grant.uploadUrl, {
    method: grant.method,
    headers,
    body: new Uint8Array(body),
  });
  if (!response.ok)
    throw new Error(`PUT ${grant.uploadUrl} answered ${response.status}: ${await response.text()}`);
  return response;
}

/** Announces one record and uploads it as announced; answers the grant. */
export async function uploadRecord(
  apiBase: string,
  caseId: string,
  accessToken: string,
  type: string,
  body: Buffer = tinyPdf(type),
  contentType = 'application/pdf',
): Promise<UploadGrant> {
  const grant = await announceRecord(apiBase, caseId, accessToken, {
    type,
    fileName: `${type}.pdf`,
    contentType,
    sizeBytes: body.length,
  });
  await putFile(grant, body);
  return grant;
}

export async function listRecords(
  apiBase: string,
  caseId: string,
  accessToken: string,
): Promise<RecordsView> {
  const response = await fetch(`${apiBase}/cases/${caseId}/records`, { headers: bearer(accessToken) });
  if (response.status !== 200)
    throw new Error(`GET /cases/${caseId}/records answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as RecordsView;
}

/** Polls the checklist until `done` accepts it (uploads are checked asynchronously, on the bucket's event). */
export function waitForRecords(
  apiBase: string,
  caseId: string,
  accessToken: string,
  done: (view: RecordsView) => boolean,
  what = `the records of case ${caseId}`,
  attempts = 200,
): Promise<RecordsView> {
  return pollUntil(() => listRecords(apiBase, caseId, accessToken), done, { attempts, intervalMs: 50, what });
}

export interface UploadRequiredOptions {
  /** Which types to upload (default: every required type). */
  types?: readonly string[];
  /**
   * Also wait until the workflow has asked for records and the case has left gathering-records
   * (default true when every required type is uploaded).
   */
  waitForWorkflow?: boolean;
  attempts?: number;
}

/**
 * For each required type: announce a tiny valid PDF, PUT it to the returned upload URL with the
 * returned headers; then wait for the checklist to count them all and (by default) for the case to
 * move past gathering-records. Uploads may precede the records request: the request then finds the
 * checklist complete and answers itself.
 */
export async function uploadRequiredRecords(
  apiBase: string,
  caseId: string,
  accessToken: string,
  options: UploadRequiredOptions = {},
): Promise<RecordsView> {
  const types = options.types ?? REQUIRED_RECORD_TYPES;
  const attempts = options.attempts ?? 200;
  for (const type of types) await uploadRecord(apiBase, caseId, accessToken, type);
  const view = await waitForRecords(
    apiBase,
    caseId,
    accessToken,
    (current) => types.every((type) => current.items.find((item) => item.type === type)?.received),
    `the checklist of case ${caseId} counting ${types.join(', ')}`,
    attempts,
  );
  const everyRequired = REQUIRED_RECORD_TYPES.every((type) => types.includes(type));
  if (options.waitForWorkflow ?? everyRequired) await waitPastRecords(apiBase, caseId, accessToken, attempts);
  return view;
}

/** Polls until the records request was made and the case is no longer gathering records. */
export function waitPastRecords(
  apiBase: string,
  caseId: string,
  accessToken: string,
  attempts = 200,
): Promise<CaseStatusView> {
  return pollUntil(
    async () => {
      const response = await fetch(`${apiBase}/cases/${caseId}`, { headers: bearer(accessToken) });
      if (response.status !== 200) throw new Error(`GET /cases/${caseId} answered ${response.status}`);
      return (await response.json()) as CaseStatusView;
    },
    (view) =>
      view.status !== 'gathering-records' &&
      view.timeline.some((event) => event.type === 'records-requested'),
    { attempts, intervalMs: 50, what: `case ${caseId} moving past gathering-records` },
  );
}
