import type { APIGatewayProxyResult } from 'aws-lambda';
import { CANCER_TYPES } from '../../domain/cancer-type.js';
import { CASE_STATUSES, isFinished } from '../../domain/case.js';
import type { QueueView } from '../../domain/queue.js';
import { WAITING_ON } from '../../domain/waiting-on.js';
import { html, type Html } from '../page.js';
import { consolePage, type ConsoleFrame } from './layout.js';
import { dataTable } from './table.js';
import {
  agoWords,
  cancerTypeWords,
  dueWords,
  shortCaseId,
  STATUS_WORDS,
  timeWords,
  urgencyWords,
  waitingOnWords,
  WAITING_ON_WORDS,
} from './words.js';

/** A row as the queue answers it (use-cases/console/queue.ts). */
export interface QueuePageRow {
  caseId: string;
  status: keyof typeof STATUS_WORDS;
  cancerType: string;
  urgency: string;
  payerId?: string;
  waitingOn?: keyof typeof WAITING_ON_WORDS;
  waitingSince?: string;
  dueAt?: string;
}

/** The filters as asked (absent: any), to show them chosen. */
export interface QueueFilters {
  view: QueueView;
  status?: string;
  waitingOn?: string;
  cancerType?: string;
  urgency?: string;
  payerId?: string;
  overdue?: boolean;
}

export interface QueuePageModel {
  filters: QueueFilters;
  rows: QueuePageRow[];
  /** The next page's address, when there may be one. */
  nextHref?: string;
  now: Date;
}

const option = (value: string, label: string, chosen: string | undefined) =>
  value === chosen
    ? html`<option value="${value}" selected>${label}</option>`
    : html`<option value="${value}">${label}</option>`;

function choice(
  name: string,
  label: string,
  options: ReadonlyArray<[string, string]>,
  chosen: string | undefined,
): Html {
  return html`<label
    >${label}
    <select name="${name}">
      ${option('', 'Any', chosen)} ${options.map(([value, text]) => option(value, text, chosen))}
    </select></label
  >`;
}

function filterForm(frame: ConsoleFrame, filters: QueueFilters): Html {
  const open = filters.view === 'open';
  const statuses = CASE_STATUSES.filter((status) => isFinished(status) !== open);
  return html`<form class="filters" method="get" action="${frame.publicUrl}/console/cases">
    <input type="hidden" name="view" value="${filters.view}" />
    ${choice(
      'status',
      'Status',
      statuses.map((s) => [s, STATUS_WORDS[s]]),
      filters.status,
    )}
    ${
      open
        ? choice(
            'waitingOn',
            'Waiting on',
            WAITING_ON.map((w) => [w, WAITING_ON_WORDS[w]]),
            filters.waitingOn,
          )
        : html``
    }
    ${choice(
      'cancerType',
      'Cancer type',
      CANCER_TYPES.map((c) => [c, cancerTypeWords(c)]),
      filters.cancerType,
    )}
    ${choice(
      'urgency',
      'Urgency',
      [
        ['routine', 'Routine'],
        ['expedited', 'Expedited'],
      ],
      filters.urgency,
    )}
    <label
      >Payer id
      <input type="text" name="payerId" value="${filters.payerId ?? ''}" placeholder="e.g. acme-health"
    /></label>
    ${
      open
        ? html`<label class="check"
            ><span
              ><input type="checkbox" name="overdue" value="true" ${filters.overdue ? 'checked' : ''} />
              Overdue only</span
            ></label
          >`
        : html``
    }
    <button type="submit">Show</button>
    <a href="${frame.publicUrl}/console/cases?view=${filters.view}">Clear filters</a>
  </form>`;
}

function cells(frame: ConsoleFrame, item: QueuePageRow, now: Date, open: boolean): Array<string | Html> {
  const due = dueWords(item.dueAt, now);
  const attention = item.status === 'needs-attention';
  const when = (at: string | undefined, words: string | Html) =>
    at ? html`<time datetime="${at}">${words}</time>` : 'Not known';
  return [
    html`<a href="${frame.publicUrl}/console/cases/${item.caseId}" aria-label="Open case ${item.caseId}"
      >${shortCaseId(item.caseId)}</a
    >`,
    html`${attention ? html`<span class="badge">Needs attention</span> ` : html``}${STATUS_WORDS[item.status]}`,
    ...(open
      ? [
          waitingOnWords(item.waitingOn),
          when(item.waitingSince, item.waitingSince ? agoWords(item.waitingSince, now) : ''),
          item.dueAt
            ? html`<span class="${due.overdue ? 'overdue' : ''}">${due.text}</span><br />${when(
                  item.dueAt,
                  timeWords(item.dueAt),
                )}`
            : due.text,
        ]
      : [when(item.waitingSince, item.waitingSince ? timeWords(item.waitingSince) : '')]),
    cancerTypeWords(item.cancerType),
    urgencyWords(item.urgency),
    item.payerId ?? 'Self-pay',
  ];
}

function table(frame: ConsoleFrame, model: QueuePageModel): Html {
  const open = model.filters.view === 'open';
  if (model.rows.length === 0) return html`<p class="notice">No cases match these filters.</p>`;
  return dataTable(
    open ? 'Cases that need attention first, then the soonest due' : 'Finished cases, the most recent first',
    [
      'Case',
      'Status',
      ...(open ? ['Waiting on', 'Since', 'Due'] : ['Finished']),
      'Cancer type',
      'Urgency',
      'Payer',
    ],
    model.rows.map((item) => ({
      cells: cells(frame, item, model.now, open),
      ...(item.status === 'needs-attention' ? { className: 'attention' } : {}),
    })),
  );
}

/** `GET /console`: the work queue, or the finished cases, with filters and pages. */
export function queuePage(frame: ConsoleFrame, model: QueuePageModel): APIGatewayProxyResult {
  const open = model.filters.view === 'open';
  return consolePage(
    frame,
    open ? 'Work queue' : 'Finished cases',
    html`${filterForm(frame, model.filters)} ${table(frame, model)}
      <div class="pager">
        ${model.nextHref ? html`<a href="${model.nextHref}" rel="next">Next page</a>` : html``}
      </div>`,
    model.filters.view,
  );
}
