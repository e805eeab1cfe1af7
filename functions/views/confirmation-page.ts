import type { APIGatewayProxyResult } from 'aws-lambda';
import { confirmCatalog } from './i18n/catalogs.js';
import type { Locale } from './i18n/locale.js';
import { translator } from './i18n/translator.js';
import { html, page } from './page.js';

/** The confirmation link's page: it changes nothing; its one button confirms (a POST to the same link). */
export function confirmationPage(
  caseId: string,
  sig: string,
  confirmed: boolean,
  locale: Locale,
): APIGatewayProxyResult {
  const t = translator(locale, confirmCatalog);
  if (confirmed)
    return page(200, t.text('confirm.already.title'), html`<p>${t.text('confirm.already.body')}</p>`, [], {
      lang: locale,
    });
  return page(
    200,
    t.text('confirm.page.title'),
    html`<p>${t.text('confirm.page.intro', { caseId })}</p>
      <form method="post" action="?sig=${sig}">
        <input type="hidden" name="confirm" value="yes" />
        <p><button type="submit">${t.text('confirm.page.button')}</button></p>
      </form>`,
    [],
    { lang: locale },
  );
}

/** The answer to a confirmation: the request has started. */
export function confirmedPage(locale: Locale): APIGatewayProxyResult {
  const t = translator(locale, confirmCatalog);
  return page(200, t.text('confirm.done.title'), html`<p>${t.text('confirm.done.body')}</p>`, [], {
    lang: locale,
  });
}
