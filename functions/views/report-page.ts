import type { APIGatewayProxyResult } from 'aws-lambda';
import type { Opinion } from '../domain/opinion.js';
import { bulletList, definitionList, html, page, raw, type Html } from './page.js';
import {
  agreementReasons,
  agreementSummary,
  type ReasonText,
  answersByQuestion,
  consensusRows,
  nextSteps,
  opinionFields,
  opinionList,
  opinionTitle,
  reportDate,
  suggestedTrials,
  trialUrl,
  type ReportData,
} from './report-data.js';

// page() owns the head and its shared stylesheet has no table rules; the CSP allows inline styles.
const TABLE_STYLE = raw(`<style>
.report-table{overflow-x:auto}table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}
thead th{background:#f4f4f4}td ul{margin:0;padding-left:1.1rem}
.text{white-space:pre-wrap} /* free text keeps its line breaks */
</style>`);

/** Each difference in the clinicians' words, then what it means in plain words. */
const reasonList = (reasons: ReasonText[]): Html =>
  html`<ul>
    ${reasons.map(
      (r) =>
        html`<li>
          ${r.clinician}${r.patient ? html`<br /><em>In plain words:</em> ${r.patient}` : html``}
        </li>`,
    )}
  </ul>`;

function summary(data: ReportData): Html {
  const reasons = agreementReasons(data);
  return html`<section>
    <h2>Summary</h2>
    ${definitionList([
      ['Prepared for', data.patientName],
      ['Case', data.caseId],
      ['Cancer type', data.cancerType],
      ['Date', reportDate(data.generatedAt)],
    ])}
    <p class="notice">${agreementSummary(data)}</p>
    ${reasons.length ? reasonList(reasons) : html``}
  </section>`;
}

function cell(value: string | string[]): Html {
  return Array.isArray(value) ? html`<td>${bulletList(value)}</td>` : html`<td class="text">${value}</td>`;
}

function opinionsTable(opinions: Opinion[]): Html {
  return html`<div class="report-table">
    <table>
      <thead>
        <tr>
          <th scope="col"></th>
          ${opinions.map((o) => html`<th scope="col">${opinionTitle(o)}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${opinionFields(opinions).map(
          (field) =>
            html`<tr>
              <th scope="row">${field.label}</th>
              ${opinions.map((o) => cell(field.value(o)))}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

function consensusTable(data: ReportData): Html {
  if (!data.consensus) return html``;
  return html`<h3>Where most opinions agree</h3>
    <table>
      <thead>
        <tr>
          <th scope="col"></th>
          <th scope="col">Majority</th>
          <th scope="col">Held by</th>
        </tr>
      </thead>
      <tbody>
        ${consensusRows(data.consensus).map(
          (row) =>
            html`<tr>
              <th scope="row">${row.label}</th>
              <td>${row.majority ?? 'No majority'}</td>
              <td>${row.majority ? opinionList(row.agreeing) : 'the opinions are split'}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function questionAnswers(data: ReportData): Html {
  const questions = answersByQuestion(data);
  if (!questions.length) return html``;
  return html`<section>
    <h2>Answers to your questions</h2>
    ${questions.map(
      ({ question, answers }) =>
        html`<h3>${question}</h3>
          ${
            answers.length
              ? html`<dl>
                  ${answers.map(
                    ({ opinion, answer }) =>
                      html`<dt>Opinion ${opinion}</dt>
                        <dd class="text">${answer}</dd>`,
                  )}
                </dl>`
              : html`<p>No answer was given to this question.</p>`
          }`,
    )}
  </section>`;
}

function trials(data: ReportData): Html {
  const list = suggestedTrials(data);
  if (!list.length) return html``;
  return html`<section>
    <h2>Clinical trials suggested</h2>
    <ul>
      ${list.map(
        (trial) =>
          html`<li>
            <a href="${trialUrl(trial.id)}" rel="noreferrer">${trial.id}</a>: ${trial.title} (suggested in
            ${opinionList(trial.suggestedBy)})
          </li>`,
      )}
    </ul>
  </section>`;
}

/** The report's content; every value goes through the escaping template. */
export function reportBody(data: ReportData): Html {
  return html`${TABLE_STYLE} ${summary(data)}
    <section>
      <h2>The opinions side by side</h2>
      ${opinionsTable(data.opinions)} ${consensusTable(data)}
    </section>
    ${questionAnswers(data)} ${trials(data)}
    <section>
      <h2>Next steps</h2>
      ${bulletList(nextSteps(data))}
    </section>`;
}

/** The report page behind the signed link, with a link to the same report as a PDF. */
export function reportPage(data: ReportData, pdfHref: string): APIGatewayProxyResult {
  return page(
    200,
    'Your second-opinion report',
    html`${reportBody(data)}
      <p><a href="${pdfHref}" download>Download this report as a PDF</a></p>`,
  );
}
