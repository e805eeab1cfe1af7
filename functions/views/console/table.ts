import { html, type Html } from '../page.js';

/** One row: its cells, in the columns' order, and a class for the row (a stopped case's, say). */
export interface TableRow {
  cells: ReadonlyArray<string | Html>;
  className?: string;
}

/**
 * A table under a caption, a header cell per column. Each cell carries its column's name (`data-label`), which
 * the console's narrow-screen style shows when the rows stack as cards.
 */
export function dataTable(caption: string, columns: readonly string[], rows: readonly TableRow[]): Html {
  return html`<table>
    <caption>
      ${caption}
    </caption>
    <thead>
      <tr>
        ${columns.map((column) => html`<th scope="col">${column}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rows.map(
        (row) =>
          html`<tr class="${row.className ?? ''}">
            ${row.cells.map((value, i) => html`<td data-label="${columns[i]!}">${value}</td>`)}
          </tr>`,
      )}
    </tbody>
  </table>`;
}
