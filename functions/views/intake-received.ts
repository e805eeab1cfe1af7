import type { APIGatewayProxyResult } from 'aws-lambda';
import type { CreatedCase } from '../schemas/intake.js';
import { receivedCatalog } from './i18n/catalogs.js';
import type { Locale } from './i18n/locale.js';
import { translator } from './i18n/translator.js';
import { html, page } from './page.js';

/** What the intake page shows once: the case's number and its access code. */
export type Receipt = Pick<CreatedCase, 'caseId' | 'accessToken'>;

const STYLE = `dl.codes{display:block}.codes dt{margin-top:.8rem}.codes dd{margin:.2rem 0;font-family:ui-monospace,monospace;font-size:1.15rem;overflow-wrap:anywhere}`;

/**
 * After the intake form: the case's number and access code, shown this once, and what happens next. Without
 * the receipt (a reload, another browser) it says they were shown once, and offers the form.
 */
export function intakeReceivedPage(
  locale: Locale,
  receipt: Receipt | undefined,
  formHref: string,
): APIGatewayProxyResult {
  const t = translator(locale, receivedCatalog);
  const options = { lang: locale, style: STYLE };
  if (!receipt) {
    return page(
      410,
      t.text('received.goneTitle'),
      html`<p>${t.text('received.gone')}</p>
        <p><a href="${formHref}">${t.text('received.newRequest')}</a></p>`,
      [],
      options,
    );
  }
  return page(
    200,
    t.text('received.title'),
    html`<h2>${t.text('received.confirmTitle')}</h2>
      <p class="notice">${t.text('received.confirm')}</p>
      <p>${t.text('received.noEmail')}</p>
      <dl class="codes">
        <dt>${t.text('received.caseId')}</dt>
        <dd>${receipt.caseId}</dd>
        <dt>${t.text('received.accessToken')}</dt>
        <dd>${receipt.accessToken}</dd>
      </dl>
      <p class="notice">${t.text('received.keepThem')}</p>
      <h2>${t.text('received.next')}</h2>
      <ol>
        <li>${t.text('received.stepCoverage')}</li>
        <li>${t.text('received.stepRecords')}</li>
        <li>${t.text('received.stepSpecialist')}</li>
        <li>${t.text('received.stepReport')}</li>
      </ol>
      <p>${t.text('received.emails')}</p>`,
    [],
    options,
  );
}
