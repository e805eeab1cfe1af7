import type { APIGatewayProxyResult } from 'aws-lambda';
import type { PresignedForm } from '../domain/ports.js';
import type { Checklist, MedicalRecord, RecordType } from '../domain/records.js';
import { html, page, type Html } from './page.js';

/** A case's records as the uploader sees them: the checklist and each record, with no key or size. */
export interface ChecklistView extends Checklist {
  caseId: string;
  records: Array<
    Pick<MedicalRecord, 'recordId' | 'type' | 'status' | 'refusedCode' | 'refusedReason'> & {
      /** The announced file name as it may be shown (MedicalRecord's displayName). */
      fileName?: string;
    }
  >;
}

const mark = (yes: boolean) => (yes ? 'received' : '—');

function uploadForm(type: RecordType, form: PresignedForm): Html {
  return html`<form method="post" action="${form.url}" enctype="multipart/form-data">
    ${Object.entries(form.fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)}
    <label>${type}: <input type="file" name="file" required /></label>
    <button type="submit">Upload ${type}</button>
  </form>`;
}

/**
 * The records page for people: the checklist, what was refused and why, and one plain form per
 * record type that posts the file straight to storage (no script, no Lambda in the file's path).
 */
export function uploadPage(
  caseId: string,
  list: ChecklistView,
  forms: Array<[RecordType, PresignedForm]>,
  maxBytes: number,
): APIGatewayProxyResult {
  const refused = list.records.filter((r) => r.status === 'refused');
  const targets = [...new Set(forms.map(([, form]) => new URL(form.url).origin))];
  return page(
    200,
    'Upload medical records',
    html`<p>
        Case <strong>${caseId}</strong>.
        ${list.complete ? 'Every required record has arrived: thank you.' : 'Required records are marked; the case moves on once they have all arrived.'}
      </p>
      <table>
        <thead>
          <tr>
            <th>Record</th>
            <th>Required</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          ${list.items.map(
            (item) =>
              html`<tr>
                <td>${item.type}</td>
                <td>${item.required ? 'required' : 'optional'}</td>
                <td>${mark(item.received)}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${
        refused.length
          ? html`<h2>Refused uploads</h2>
              <ul>
                ${refused.map((r) => html`<li>${r.type}: ${r.refusedReason ?? 'refused'}</li>`)}
              </ul>`
          : html``
      }
      <h2>Upload</h2>
      <p>
        PDF, DICOM, JPEG, PNG or TIFF, plain text, or a zip of those for imaging studies; at most ${maxBytes}
        bytes per file. After an upload this page comes back; the file is checked within seconds (reload to
        see it counted).
      </p>
      ${forms.map(([type, form]) => uploadForm(type, form))}`,
    targets,
  );
}

/** The records page once the request is answered: every required record arrived, or the team went on. */
export function recordsCompletePage(): APIGatewayProxyResult {
  return page(
    200,
    'Records complete',
    html`<p class="notice">
      Every required record has arrived, or the team went ahead with what there was. Thank you.
    </p>`,
  );
}
