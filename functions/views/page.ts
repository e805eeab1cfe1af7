import type { APIGatewayProxyResult } from 'aws-lambda';
import { escapeHtml } from '../shared/html.js';
import { SECURITY_HEADERS } from '../shared/security-headers.js';

/** Pages carry no script and load nothing: forms post back to this origin only. */
const csp = (formTargets: readonly string[]) =>
  `default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'${formTargets.map((t) => ` ${t}`).join('')}; base-uri 'none'; frame-ancestors 'none'`;

export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  ...SECURITY_HEADERS,
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': csp([]),
  'X-Frame-Options': 'DENY',
  'X-Robots-Tag': 'noindex, nofollow',
};

const STYLE = `body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.3rem 1rem}dt{font-weight:600}
dd{margin:0;overflow-wrap:anywhere}@media(max-width:30rem){dl{grid-template-columns:minmax(0,1fr)}}
fieldset{border:1px solid #ccc;margin:1rem 0}button{font-size:1rem;padding:.5rem 1.2rem;margin-right:.5rem}
textarea{width:100%;min-height:5rem}.notice{padding:.8rem;border-left:4px solid #888;background:#f4f4f4}`;

/** Trusted markup assembled from escaped parts. */
export interface Html {
  readonly html: string;
}

export const raw = (html: string): Html => ({ html });

/** Tagged template: every interpolated value is escaped unless it is already Html. */
export function html(strings: TemplateStringsArray, ...values: Array<string | number | Html | Html[]>): Html {
  let out = strings[0]!;
  values.forEach((value, i) => {
    const part = Array.isArray(value)
      ? value.map((item) => item.html).join('')
      : typeof value === 'object'
        ? value.html
        : escapeHtml(String(value));
    out += part + strings[i + 1]!;
  });
  return raw(out);
}

/** The document's language (`<html lang>`, Content-Language), and style the page adds to the common one. */
export interface PageOptions {
  lang?: string;
  style?: string;
}

/** A whole page; `formTargets` are the only origins besides this one its forms may post to. */
export function page(
  statusCode: number,
  title: string,
  body: Html,
  formTargets: readonly string[] = [],
  { lang = 'en', style = '' }: PageOptions = {},
): APIGatewayProxyResult {
  const document = html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>${title} &middot; Concord</title>
        <style>
          ${raw(STYLE + style)}
        </style>
      </head>
      <body>
        <main>
          <h1>${title}</h1>
          ${body}
        </main>
      </body>
    </html>`;
  return {
    statusCode,
    headers: { ...PAGE_HEADERS, 'Content-Security-Policy': csp(formTargets), 'Content-Language': lang },
    body: document.html,
  };
}

/** A bulleted list of plain values. */
export const bulletList = (items: readonly string[]): Html =>
  html`<ul>
    ${items.map((item) => html`<li>${item}</li>`)}
  </ul>`;

/** Rows of a definition list; a list value becomes a bulleted list. */
export function definitionList(rows: ReadonlyArray<readonly [string, string | string[]]>): Html {
  return html`<dl>
    ${rows.map(
      ([term, value]) =>
        html`<dt>${term}</dt>
          <dd>${Array.isArray(value) ? bulletList(value) : value}</dd>`,
    )}
  </dl>`;
}
