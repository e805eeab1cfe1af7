import type { APIGatewayProxyResult } from 'aws-lambda';
import type { Opinion } from '../domain/opinion.js';
import { bulletList, definitionList, html, page, raw, type Html } from './page.js';
import {
  agreementReasons,
  agreementSummary,
  type ReasonText,
  answersByQuestion,
  cancerTypeText,
  consensusRows,
  nextSteps,
  opinionFields,
  opinionList,
  opinionTitle,
  reportDate,
  reportWords,
  suggestedTrials,
  trialUrl,
  type ReportData,
  type ReportWords,
} from './report-data.js';

// page() owns the head and its shared stylesheet has no table rules; the CSP allows inline styles.
const TABLE_STYLE = raw(`<style>
.report-table{overflow-x:auto}table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border:1px solid #ccc;padding:.4rem;text-align:left;vertical-align:top}
thead th{background:#f4f4f4}td ul{margin:0;padding-left:1.1rem}
.text{white-space:pre-wrap} /* free text keeps its line breaks */
.scroll-hint{display:none}@media(max-width:40rem){.scroll-hint{display:block}}
</style>`);

/** Each difference in the clinicians' words, then what it means in plain words. */
const reasonList = (reasons: ReasonText[], t: ReportWords): Html =>
  html`<ul>
    ${reasons.map(
      (r) =>
        html`<li>
          ${r.clinician}${r.patient ? html`<br /><em>${t.text('report.inPlainWords')}</em> ${r.patient}` : html``}
        </li>`,
    )}
  </ul>`;

function summary(data: ReportData, t: ReportWords): Html {
  const reasons = agreementReasons(data, t);
  return html`<section>
    <h2>${t.text('report.summary')}</h2>
    ${definitionList([
      [t.text('report.preparedFor'), data.patientName],
      [t.text('report.case'), data.caseId],
      [t.text('report.cancerType'), cancerTypeText(data, t)],
      [t.text('report.date'), reportDate(data.generatedAt, t)],
    ])}
    <p class="notice">${agreementSummary(data, t)}</p>
    ${reasons.length ? reasonList(reasons, t) : html``}
  </section>`;
}

function cell(value: string | string[]): Html {
  return Array.isArray(value) ? html`<td>${bulletList(value)}</td>` : html`<td class="text">${value}</td>`;
}

/** On a phone the table scrolls sideways: the reader is told, and can scroll it from the keyboard too. */
function opinionsTable(opinions: Opinion[], t: ReportWords): Html {
  return html`<p class="scroll-hint">${t.text('report.scrollHint')}</p>
    <div class="report-table" role="region" aria-labelledby="side-by-side" tabindex="0">
      <table>
        <thead>
          <tr>
            <th scope="col"></th>
            ${opinions.map((o) => html`<th scope="col">${opinionTitle(o, t)}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${opinionFields(opinions, t).map(
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

function consensusTable(data: ReportData, t: ReportWords): Html {
  if (!data.consensus) return html``;
  return html`<h3>${t.text('report.consensus')}</h3>
    <table>
      <thead>
        <tr>
          <th scope="col"></th>
          <th scope="col">${t.text('report.majority')}</th>
          <th scope="col">${t.text('report.heldBy')}</th>
        </tr>
      </thead>
      <tbody>
        ${consensusRows(data.consensus, t).map(
          (row) =>
            html`<tr>
              <th scope="row">${row.label}</th>
              <td>${row.majority ?? t.text('report.noMajority')}</td>
              <td>${row.majority ? opinionList(row.agreeing, t) : t.text('report.split')}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function questionAnswers(data: ReportData, t: ReportWords): Html {
  const questions = answersByQuestion(data);
  if (!questions.length) return html``;
  return html`<section>
    <h2>${t.text('report.answers')}</h2>
    ${questions.map(
      ({ question, answers }) =>
        html`<h3>${question}</h3>
          ${
            answers.length
              ? html`<dl>
                  ${answers.map(
                    ({ opinion, answer }) =>
                      html`<dt>${t.text('report.opinion', { number: opinion })}</dt>
                        <dd class="text">${answer}</dd>`,
                  )}
                </dl>`
              : html`<p>${t.text('report.noAnswer')}</p>`
          }`,
    )}
  </section>`;
}

function trials(data: ReportData, t: ReportWords): Html {
  const list = suggestedTrials(data);
  if (!list.length) return html``;
  return html`<section>
    <h2>${t.text('report.trials')}</h2>
    <ul>
      ${list.map(
        (trial) =>
          html`<li>
            <a href="${trialUrl(trial.id)}" rel="noreferrer">${trial.id}</a>: ${trial.title}
            (${t.text('report.suggestedIn', { opinions: opinionList(trial.suggestedBy, t) })})
          </li>`,
      )}
    </ul>
  </section>`;
}

/** The report's content; every value goes through the escaping template. */
export function reportBody(data: ReportData, t = reportWords(data.locale)): Html {
  return html`${TABLE_STYLE} ${summary(data, t)}
    <section>
      <h2 id="side-by-side">${t.text('report.sideBySide')}</h2>
      ${opinionsTable(data.opinions, t)} ${consensusTable(data, t)}
    </section>
    ${questionAnswers(data, t)} ${trials(data, t)}
    <section>
      <h2>${t.text('report.nextSteps')}</h2>
      ${bulletList(nextSteps(data, t))}
    </section>`;
}

/** The report page behind the signed link, with a link to the same report as a PDF. */
export function reportPage(data: ReportData, pdfHref: string): APIGatewayProxyResult {
  const t = reportWords(data.locale);
  return page(
    200,
    t.text('report.title'),
    html`${reportBody(data, t)}
      <p><a href="${pdfHref}" download>${t.text('report.download')}</a></p>`,
    [],
    { lang: data.locale },
  );
}
