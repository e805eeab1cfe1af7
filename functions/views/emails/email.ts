import type { OutgoingEmail } from '../../domain/ports.js';
import { html } from '../page.js';

interface EmailContent {
  to: string[];
  subject: string;
  paragraphs: string[];
  link?: { url: string; label: string };
}

/** Every email has a text and an HTML part with the same words; values are escaped in the HTML. */
export function email({ to, subject, paragraphs, link }: EmailContent): OutgoingEmail {
  const text = [...paragraphs, ...(link ? [`${link.label}: ${link.url}`] : []), '', '— Concord'].join('\n\n');
  const body = html`${paragraphs.map((p) => html`<p>${p}</p>`)}${
      link ? html`<p><a href="${link.url}">${link.label}</a></p>` : html``
    }
    <p>&mdash; Concord</p>`;
  return { to, subject, text, html: `<!doctype html><html><body>${body.html}</body></html>` };
}
