import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import type { PresignedForm, RecordFiles } from '../domain/ports.js';
import { RECORD_TYPES, recordKey, type RecordType } from '../domain/records.js';
import { AlreadyDecidedError } from '../shared/errors.js';
import { json, pathParameter } from '../middleware/http.js';
import { wantsJson } from '../middleware/http.js';
import { errorPage } from '../views/callback-pages.js';
import { html, page } from '../views/page.js';
import { uploadPage } from '../views/upload-page.js';
import { openCallback, type CallbackPorts } from './callbacks.js';
import { recordChecklist, type RecordSettings } from './records.js';

/**
 * GET/HEAD /uploads/{id}?sig=…: the records page. Rendering it writes nothing: each form carries a
 * fresh opaque key, and a record begins only when its file arrives.
 */
export async function answerUploadLink(
  event: APIGatewayProxyEvent,
  ports: CallbackPorts & { files: RecordFiles; settings: CallbackPorts['settings'] & RecordSettings },
): Promise<APIGatewayProxyResult> {
  const id = pathParameter(event, 'id');
  const sig = event.queryStringParameters?.sig;
  try {
    const { callback } = await openCallback(id, sig, 'records', ports);
    const list = await recordChecklist(callback.caseId, ports.records);
    if (wantsJson(event)) return json(200, list);
    const self = `${ports.settings.publicUrl}/uploads/${id}?sig=${sig}`;
    const forms = await Promise.all(
      RECORD_TYPES.map(async (type): Promise<[RecordType, PresignedForm]> => [
        type,
        await ports.files.presignForm(
          recordKey(callback.caseId, type, randomUUID()),
          ports.settings.recordMaxBytes,
          ports.settings.uploadUrlSeconds,
          self,
        ),
      ]),
    );
    return uploadPage(callback.caseId, list, forms, ports.settings.recordMaxBytes);
  } catch (error) {
    if (error instanceof AlreadyDecidedError && !wantsJson(event)) {
      return page(
        200,
        'Records complete',
        html`<p class="notice">
          Every required record has arrived, or the team went ahead with what there was. Thank you.
        </p>`,
      );
    }
    if (wantsJson(event)) throw error;
    return errorPage(error);
  }
}
