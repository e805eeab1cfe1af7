import type { APIGatewayProxyResult } from 'aws-lambda';
import type { CaseStatus } from '../domain/case.js';
import type { PatientEvent } from '../domain/patient-events.js';
import { resendCatalog, statusCatalog } from './i18n/catalogs.js';
import type { Locale } from './i18n/locale.js';
import { plainWords } from './i18n/plain-words.js';
import { html, page, type Html } from './page.js';

const STYLE = `ol.history{padding-left:1.2rem}ol.history li{margin:.3rem 0}.when{color:#555}
label{display:block;margin-top:.6rem;font-weight:600}input{font-size:1rem;padding:.4rem;width:100%;max-width:24rem;box-sizing:border-box}
a.action{display:inline-block;margin:.4rem 0;padding:.5rem 1rem;border:2px solid #1a1a1a;border-radius:.3rem;color:#1a1a1a}
.now{font-size:1.2rem;font-weight:600}`;

/** What the status page shows, in the patient's language. */
export interface StatusPageModel {
  locale: Locale;
  caseId: string;
  status: CaseStatus;
  timeline: ReadonlyArray<{ at: string; type: PatientEvent }>;
  uploadLink?: string;
  recordsAskedOfOther: boolean;
  /** The report page, relative to this one, once the report is ready. */
  reportHref?: string;
  /** Where "Email me my link again" posts, relative to this page. */
  resendAction: string;
}

type StatusWords = ReturnType<typeof plainWords<[typeof statusCatalog]>>;
type ResendWords = ReturnType<typeof plainWords<[typeof resendCatalog]>>;

/**
 * "Email me my link again": the case id and the address on file; the same answer whether or not they match. Its
 * words are a namespace of their own (`resend.*`), for the pages that show only it.
 */
export function resendForm(locale: Locale, action: string, caseId?: string): Html {
  const t: ResendWords = plainWords(locale, resendCatalog);
  return html`<section aria-labelledby="resend">
    <h2 id="resend">${t.text('resend.title')}</h2>
    <p>${t.text('resend.intro')}</p>
    <form method="post" action="${action}">
      <input type="hidden" name="lang" value="${t.locale}" />
      <label for="resend-case">${t.text('resend.caseId')}</label>
      <input id="resend-case" name="caseId" required value="${caseId ?? ''}" autocomplete="off" />
      <label for="resend-email">${t.text('resend.email')}</label>
      <input id="resend-email" name="email" type="email" required autocomplete="email" />
      <p><button type="submit">${t.text('resend.button')}</button></p>
    </form>
  </section>`;
}

function needed(t: StatusWords, model: StatusPageModel): Html {
  if (model.uploadLink)
    return html`<p>${t.text('status.uploadRecords')}</p>
      <p><a class="action" href="${model.uploadLink}">${t.text('status.uploadLink')}</a></p>`;
  if (model.recordsAskedOfOther) return html`<p>${t.text('status.uploadByEmail')}</p>`;
  return html`<p>${t.text('status.nothingNeeded')}</p>`;
}

/** The status page: where the request is, what is needed from the reader, what happened so far, what comes next. */
export function statusPage(model: StatusPageModel): APIGatewayProxyResult {
  const t = plainWords(model.locale, statusCatalog);
  const when = (at: string) => t.date(at, { dateStyle: 'long' });
  return page(
    200,
    t.text('status.title'),
    html`<dl>
        <dt>${t.text('status.caseId')}</dt>
        <dd>${model.caseId}</dd>
      </dl>
      <h2>${t.text('status.now')}</h2>
      <p class="now">${t.text(`status.step.${model.status}`)}</p>
      ${
        model.reportHref
          ? html`<p>${t.text('status.reportReady')}</p>
              <p><a class="action" href="${model.reportHref}">${t.text('status.reportLink')}</a></p>`
          : html``
      }
      <h2>${t.text('status.needed')}</h2>
      ${needed(t, model)}
      <h2>${t.text('status.history')}</h2>
      <ol class="history">
        ${model.timeline.map(
          (event) =>
            html`<li>
              <span class="when">${when(event.at)}</span>: ${t.text(`status.event.${event.type}`)}
            </li>`,
        )}
      </ol>
      <h2>${t.text('status.next')}</h2>
      <p>${t.text(`status.nextStep.${model.status}`)}</p>
      ${resendForm(model.locale, model.resendAction, model.caseId)}`,
    [],
    { lang: model.locale, style: STYLE },
  );
}

/** A status or report link that no longer opens: why (`resend.gone.*`), then the form for a new one. */
export function linkGonePage(
  locale: Locale,
  why: 'resend.gone.expired' | 'resend.gone.takenBack',
  resendAction: string,
): APIGatewayProxyResult {
  const t = plainWords(locale, resendCatalog);
  return page(
    410,
    t.text('resend.gone.title'),
    html`<p class="notice">${t.text(why)}</p>
      ${resendForm(locale, resendAction)}`,
    [],
    { lang: locale, style: STYLE },
  );
}

/** After "Email me my link again": the same words whether or not the case and address matched. */
export function linkRequestedPage(locale: Locale): APIGatewayProxyResult {
  const t = plainWords(locale, resendCatalog);
  return page(202, t.text('resend.sentTitle'), html`<p>${t.text('resend.sent')}</p>`, [], {
    lang: locale,
  });
}
