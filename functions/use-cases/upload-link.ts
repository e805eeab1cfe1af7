import { isFinished } from '../domain/case.js';
import type { PresignedForm, RecordFiles } from '../domain/ports.js';
import { issueRecordId, parseRecordKey, recordIdKey, recordKey } from '../domain/record-keys.js';
import { RECORD_TYPES, type RecordType } from '../domain/records.js';
import { AlreadyDecidedError } from '../shared/errors.js';
import { localeOf, type Locale } from '../views/i18n/locale.js';
import type { ChecklistView, UploadPageModel } from '../views/upload-page.js';
import { openCallback, type CallbackPorts, type OpenedCallback } from './callbacks.js';
import { identityKey } from './link-signatures.js';
import { MORE_TESTS, recordChecklist, testsAskedFor, type RecordSettings } from './records.js';

/** What the records page (`/uploads/{id}`) reads: the link, the checklist, and the bucket to presign forms for. */
export type UploadPagePorts = Pick<
  CallbackPorts,
  'cases' | 'callbacks' | 'secrets' | 'records' | 'assignments'
> & {
  files: RecordFiles;
  settings: Pick<CallbackPorts['settings'], 'publicUrl'> & RecordSettings;
};

/** A records link opened: `answered` once its request was (every required record in, or the team went on). */
export interface RecordsLink extends OpenedCallback {
  answered: boolean;
}

/**
 * Opens a records link. One whose request was answered still opens, until its expiry and while the case takes
 * records, so optional records can be added after the required ones; the page then asks for nothing.
 */
export async function openRecordsLink(
  id: string,
  sig: string | undefined,
  ports: Pick<CallbackPorts, 'callbacks' | 'cases' | 'secrets'>,
): Promise<RecordsLink> {
  try {
    return { ...(await openCallback(id, sig, 'records', ports)), answered: false };
  } catch (error) {
    // Decided is told only after the signature verified: the callback is the link's.
    if (!(error instanceof AlreadyDecidedError)) throw error;
    const callback = await ports.callbacks.get(id);
    const caseRecord = callback && (await ports.cases.get(callback.caseId));
    const open = callback && caseRecord && callback.expiresAt > Date.now() / 1000;
    if (!open || isFinished(caseRecord.status)) throw error;
    return { callback, caseRecord, answered: true };
  }
}

/**
 * The records page's forms, one per record type, each posting straight to the bucket and back to `redirect`.
 * Rendering the page writes nothing: each form carries a fresh key whose record id proves Concord issued it
 * (record-keys.ts), and a record begins only when its file arrives.
 */
export async function uploadForms(
  caseId: string,
  redirect: string,
  ports: Pick<UploadPagePorts, 'files' | 'secrets' | 'settings'>,
): Promise<Array<[RecordType, PresignedForm]>> {
  const { recordMaxBytes, uploadUrlSeconds } = ports.settings;
  const idKey = recordIdKey(await identityKey(ports.secrets));
  return Promise.all(
    RECORD_TYPES.map(async (type): Promise<[RecordType, PresignedForm]> => [
      type,
      await ports.files.presignForm(
        recordKey(caseId, type, issueRecordId(idKey, caseId, type)),
        recordMaxBytes,
        uploadUrlSeconds,
        redirect,
      ),
    ]),
  );
}

/** The page's language: the patient's when the request went to them; a physician reads English. */
function readerLocale({ callback, caseRecord }: OpenedCallback): Locale {
  const { patient } = caseRecord.intake;
  return callback.recipient === patient.email ? localeOf(patient.preferredLanguage) : 'en';
}

/**
 * The file S3 sent the browser back from (its redirect adds the object's `key`), as this case's record: arrived
 * and checked, refused, or still being checked (no outcome yet). Another case's key, or none, is no file.
 */
function returnedUpload(
  caseId: string,
  key: string | undefined,
  list: ChecklistView,
): UploadPageModel['returned'] {
  const parts = key === undefined ? undefined : parseRecordKey(key);
  if (parts?.caseId !== caseId) return undefined;
  const record = list.records.find((r) => r.recordId === parts.recordId);
  if (record?.status === 'received') return { type: parts.type, outcome: 'received' };
  if (record?.status === 'refused')
    return {
      type: parts.type,
      outcome: 'refused',
      ...(record.refusedCode ? { code: record.refusedCode } : {}),
    };
  return { type: parts.type, outcome: 'checking' };
}

/** Everything the records page shows: the checklist, the file just sent, the tests asked for, and fresh forms. */
export async function uploadPageModel(
  link: RecordsLink,
  self: string,
  returnedKey: string | undefined,
  ports: UploadPagePorts,
): Promise<{ list: ChecklistView; model: () => Promise<UploadPageModel> }> {
  const { caseId, purpose, round } = link.callback;
  const list = await recordChecklist(caseId, ports.records);
  return {
    list,
    model: async () => {
      const [forms, tests] = await Promise.all([
        uploadForms(caseId, self, ports),
        purpose === MORE_TESTS ? testsAskedFor(ports, { caseId, round }) : undefined,
      ]);
      const returned = returnedUpload(caseId, returnedKey, list);
      return {
        locale: readerLocale(link),
        caseId,
        list,
        answered: link.answered,
        forms,
        maxBytes: ports.settings.recordMaxBytes,
        ...(tests ? { tests } : {}),
        ...(returned ? { returned, checkAgain: `${self}&key=${encodeURIComponent(returnedKey!)}` } : {}),
      };
    },
  };
}
