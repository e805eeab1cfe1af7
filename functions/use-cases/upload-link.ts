import type { PresignedForm, RecordFiles } from '../domain/ports.js';
import { issueRecordId, recordIdKey, recordKey } from '../domain/record-keys.js';
import { RECORD_TYPES, type RecordType } from '../domain/records.js';
import type { CallbackPorts } from './callbacks.js';
import type { RecordSettings } from './records.js';

/** What the records page (`/uploads/{id}`) reads: the link, the checklist, and the bucket to presign forms for. */
export type UploadPagePorts = CallbackPorts & {
  files: RecordFiles;
  settings: CallbackPorts['settings'] & RecordSettings;
};

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
  const idKey = recordIdKey(await ports.secrets.signingKey());
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
