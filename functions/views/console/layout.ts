import type { APIGatewayProxyResult } from 'aws-lambda';
import type { Principal } from '../../domain/console-access.js';
import { html, page, type Html } from '../page.js';

/** What every console page shows around its content: who is signed in, the way around and the way out. */
export interface ConsoleFrame {
  publicUrl: string;
  principal: Principal;
  /** A person's session token, for the page's forms (sign-out and decisions). */
  csrfToken: string;
  /** The provider's origin: signing out goes on there to end its own session. */
  providerOrigin?: string;
}

/**
 * Wider than the people's pages, tables that fit a phone: below 40rem each row is a card whose cells carry
 * their column's name. Overdue is red and says so in words; a stopped case is marked in words too.
 */
const CONSOLE_STYLE = `body{max-width:72rem}
.bar{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;border-bottom:1px solid #ccc;padding-bottom:.5rem}
.bar form{margin:0 0 0 auto}.bar a{font-weight:600}
table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border-bottom:1px solid #ddd;padding:.45rem .4rem;text-align:left;vertical-align:top}
thead th{background:#f4f4f4}caption{text-align:left;font-weight:600;padding:.3rem 0}
.overdue{color:#a4001d;font-weight:700}.attention{background:#fff4e5}
.badge{display:inline-block;padding:0 .35rem;border:1px solid #a4001d;color:#a4001d;border-radius:.25rem;font-size:.85rem}
.filters{display:flex;flex-wrap:wrap;gap:.6rem 1rem;align-items:end;background:#f7f7f7;padding:.8rem;border-radius:.3rem}
.filters label{display:flex;flex-direction:column;font-weight:600;font-size:.9rem}
select,input[type=text]{font-size:1rem;padding:.3rem;height:2.4rem;box-sizing:border-box}
.pager{display:flex;gap:1rem;margin:1rem 0}
.bar a[aria-current=page]{text-decoration:none;color:#1a1a1a;border-bottom:3px solid #1a1a1a}
.panes{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1rem}
.pane{border:1px solid #ccc;border-radius:.3rem;padding:.6rem 1rem}
dd{margin:0;min-width:0}dd,td{overflow-wrap:anywhere}
@media (max-width:40rem){table,caption,thead,tbody,tr,th,td{display:block}thead{position:absolute;left:-9999px}
tr{border:1px solid #ccc;border-radius:.3rem;margin:.6rem 0;padding:.3rem}td{border:0;padding:.2rem .3rem}
td::before{content:attr(data-label) ": ";font-weight:600}}`;

/** The console's two lists: the page showing one marks its link. */
export type ConsoleSection = 'open' | 'finished';

export function consolePage(
  frame: ConsoleFrame,
  title: string,
  body: Html,
  current?: ConsoleSection,
): APIGatewayProxyResult {
  const { principal, publicUrl } = frame;
  const who = principal.name ?? principal.email ?? principal.subject;
  const link = (section: ConsoleSection, href: string, label: string) =>
    section === current
      ? html`<a href="${href}" aria-current="page">${label}</a>`
      : html`<a href="${href}">${label}</a>`;
  return page(
    200,
    title,
    html`<nav class="bar" aria-label="Console">
        ${link('open', `${publicUrl}/console`, 'Work queue')}
        ${link('finished', `${publicUrl}/console/cases?view=finished`, 'Finished cases')}
        <span>Signed in as ${who}</span>
        <form method="post" action="${publicUrl}/console/sign-out">
          <input type="hidden" name="csrf" value="${frame.csrfToken}" />
          <button type="submit">Sign out</button>
        </form>
      </nav>
      ${body}`,
    frame.providerOrigin ? [frame.providerOrigin] : [],
    { style: CONSOLE_STYLE },
  );
}
