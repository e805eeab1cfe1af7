import type { APIGatewayProxyResult } from 'aws-lambda';
import type { PresignedForm } from '../domain/ports.js';
import type { RefusalCode } from '../domain/record-checks/verdict.js';
import type { Checklist, MedicalRecord, RecordType } from '../domain/records.js';
import { recordsCatalog, refusalCatalog, uploadCatalog } from './i18n/catalogs.js';
import type { Locale } from './i18n/locale.js';
import { plainWords } from './i18n/plain-words.js';
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

/** What the records page shows, in its reader's language. */
export interface UploadPageModel {
  locale: Locale;
  caseId: string;
  list: ChecklistView;
  /** The request was answered: nothing more is required, optional records are still welcome. */
  answered: boolean;
  forms: Array<[RecordType, PresignedForm]>;
  maxBytes: number;
  /** A specialist's request for more tests: each test, and whether it has arrived. */
  tests?: Array<{ type?: RecordType; description?: string; received: boolean }>;
  /** The file the browser came back from uploading, and the page's address to look at it again. */
  returned?: { type: RecordType; outcome: 'checking' | 'received' | 'refused'; code?: RefusalCode };
  checkAgain?: string;
}

type UploadWords = ReturnType<
  typeof plainWords<[typeof uploadCatalog, typeof recordsCatalog, typeof refusalCatalog]>
>;

const STYLE = `th,td{text-align:left;padding:.3rem .8rem .3rem 0}
form.upload{margin:1rem 0}label{display:block;font-weight:600}`;

const typeName = (t: UploadWords, type: RecordType) => t.text(`records.type.${type}`);
// A refusal always has its code; one stored without (none should be) reads as a failed check.
const reason = (t: UploadWords, code: RefusalCode = 'scan-failed') => t.text(`refusal.${code}`);

function returnedNotice(t: UploadWords, model: UploadPageModel): Html {
  const { returned, checkAgain } = model;
  if (!returned || !checkAgain) return html``;
  const type = typeName(t, returned.type);
  const words =
    returned.outcome === 'refused'
      ? t.text('upload.returned.refused', { type, reason: reason(t, returned.code) })
      : t.text(`upload.returned.${returned.outcome}`, { type });
  return html`<div class="notice ${returned.outcome}" role="status">
    <p>${words}</p>
    ${returned.outcome === 'checking' ? html`<p><a href="${checkAgain}">${t.text('upload.checkAgain')}</a></p>` : html``}
  </div>`;
}

/** What is asked of the reader: the required records, the specialist's tests, or nothing more. */
function asked(t: UploadWords, model: UploadPageModel): Html {
  if (model.tests) {
    if (model.answered || model.tests.every((test) => test.received))
      return html`<p>${t.text('upload.moreTestsDone')}</p>`;
    return html`<p>${t.text('upload.moreTests')}</p>
      <ul>
        ${model.tests.map((test) => {
          const name = test.type
            ? `${typeName(t, test.type)}: ${test.description ?? ''}`
            : t.text('upload.furtherResults');
          return html`<li>${name}: ${t.text(test.received ? 'upload.received' : 'upload.notYet')}</li>`;
        })}
      </ul>`;
  }
  return html`<p>${t.text(model.answered || model.list.complete ? 'upload.complete' : 'upload.intro')}</p>`;
}

function checklistTable(t: UploadWords, list: ChecklistView): Html {
  return html`<table>
    <thead>
      <tr>
        <th scope="col">${t.text('upload.record')}</th>
        <th scope="col">${t.text('upload.needed')}</th>
        <th scope="col">${t.text('upload.state')}</th>
      </tr>
    </thead>
    <tbody>
      ${list.items.map(
        (item) =>
          html`<tr data-record-type="${item.type}">
            <th scope="row">${typeName(t, item.type)}</th>
            <td>${t.text(item.required ? 'upload.required' : 'upload.optional')}</td>
            <td>${t.text(item.received ? 'upload.received' : 'upload.notYet')}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** Files refused whose type has not arrived since: once a good copy is in, the refusal is history. */
function refusals(t: UploadWords, list: ChecklistView): Html {
  const received = new Set(list.items.filter((item) => item.received).map((item) => item.type));
  const refused = list.records.filter((r) => r.status === 'refused' && !received.has(r.type));
  if (refused.length === 0) return html``;
  return html`<h2 id="refused">${t.text('upload.refused')}</h2>
    <ul aria-labelledby="refused">
      ${refused.map(
        (r) =>
          html`<li data-record-type="${r.type}">
            ${t.text('upload.refusedItem', { type: typeName(t, r.type), reason: reason(t, r.refusedCode) })}
          </li>`,
      )}
    </ul>`;
}

function uploadForm(t: UploadWords, type: RecordType, form: PresignedForm): Html {
  const name = typeName(t, type);
  const id = `file-${type}`;
  return html`<form
    class="upload"
    method="post"
    action="${form.url}"
    enctype="multipart/form-data"
    data-record-type="${type}"
  >
    ${Object.entries(form.fields).map(([field, value]) => html`<input type="hidden" name="${field}" value="${value}" />`)}
    <label for="${id}">${t.text('upload.file', { type: name })}</label>
    <input id="${id}" type="file" name="file" required />
    <button type="submit">${t.text('upload.button', { type: name })}</button>
  </form>`;
}

/**
 * The records page for people: what is asked, the file just sent, the checklist, what was refused and why, and
 * one plain form per record type (required ones first) that posts the file straight to storage (no script).
 */
export function uploadPage(model: UploadPageModel): APIGatewayProxyResult {
  const t = plainWords(model.locale, uploadCatalog, recordsCatalog, refusalCatalog);
  const required = new Set(model.list.items.filter((item) => item.required).map((item) => item.type));
  const group = (isRequired: boolean) =>
    model.forms
      .filter(([type]) => required.has(type) === isRequired)
      .map(([type, form]) => uploadForm(t, type, form));
  const targets = [...new Set(model.forms.map(([, form]) => new URL(form.url).origin))];
  return page(
    200,
    t.text('upload.title'),
    html`${returnedNotice(t, model)}
      <dl>
        <dt>${t.text('upload.caseId')}</dt>
        <dd>${model.caseId}</dd>
      </dl>
      ${asked(t, model)} ${checklistTable(t, model.list)} ${refusals(t, model.list)}
      <h2>${t.text('upload.send')}</h2>
      <p>${t.text('upload.help', { maxSize: t.fileSize(model.maxBytes) })}</p>
      <h3>${t.text('upload.required')}</h3>
      ${group(true)}
      <h3>${t.text('upload.optional')}</h3>
      ${group(false)}`,
    targets,
    { lang: model.locale, style: STYLE },
  );
}

/** The records page once the case takes no more: every required record arrived, or the team went on. */
export function recordsCompletePage(): APIGatewayProxyResult {
  const t = plainWords('en', uploadCatalog);
  return page(200, t.text('upload.doneTitle'), html`<p class="notice">${t.text('upload.done')}</p>`);
}
