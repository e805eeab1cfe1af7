import type { APIGatewayProxyResult } from 'aws-lambda';
import { COMMON_CANCERS } from '../domain/common-cancers.js';
import { MODALITIES } from '../domain/opinion-terms.js';
import { REASONS } from '../domain/reasons.js';
import {
  FORM_QUESTIONS,
  FORM_TREATMENT_STEPS,
  questionField,
  reasonField,
  treatmentField,
  type FormError,
} from '../schemas/intake-form-fields.js';
import {
  choiceGroup,
  FORM_STYLE,
  inputField,
  selectField,
  textareaField,
  type Choice,
  type FieldWords,
  type InputOptions,
} from './form-fields.js';
import { LOCALES, type Locale } from './i18n/locale.js';
import { ERROR_SUMMARY_STYLE, errorSummary, errorText } from './intake-errors.js';
import type { IntakeId, IntakeWords } from './intake-words.js';
import { html, page, raw, type Html } from './page.js';
import { resendForm } from './status-page.js';
import { US_STATE_NAMES } from './us-states.js';

/** A payer people can choose, by the name on their card. */
export interface PayerChoice {
  payerId: string;
  name: string;
}

export interface IntakePageModel {
  t: IntakeWords;
  payers: readonly PayerChoice[];
  /** What was typed (or the defaults of an empty form), by field name. */
  values: Readonly<Record<string, string>>;
  errors: readonly FormError[];
  /** Where the form posts, and the empty form's address (the language switch), relative to this page. */
  action: string;
  formHref: string;
  /** Where "Email me my link again" posts (POST /links), relative to this page. */
  linksAction: string;
}

/** Languages people may ask the review in; named in the page's language by the runtime's Intl. */
const PREFERRED_LANGUAGES = ['en', 'es', 'zh', 'vi', 'tl', 'ar', 'fr', 'ht', 'ko', 'pt', 'ru', 'hi'];
/** Each catalog language named in itself, for the switch. */
const AUTONYMS: Readonly<Record<Locale, Html>> = { en: html`English`, es: raw('Espa&ntilde;ol') };

/**
 * How a field is asked. Its words are the messages named after it: `intake.<name>` labels it and, with
 * `hint`, `intake.<name>Hint` says what it takes.
 */
interface Ask extends InputOptions {
  hint?: boolean | IntakeId;
  optional?: boolean;
  /** Needed only with another answer, which its hint names. */
  conditional?: boolean;
  choices?: (c: Context) => Choice[];
  /** The empty first choice of a select. */
  blank?: IntakeId;
}
type Row = readonly [name: string, ask?: Ask];

interface Context extends IntakePageModel {
  errorsByField: ReadonlyMap<string, string>;
}

const value = (c: Context, name: string) => c.values[name] ?? '';
const errorPrefix = (c: Context) => ({ errorPrefix: c.t.text('intake.error.prefix') });

function words(c: Context, name: string, label: string, ask: Ask = {}): FieldWords {
  const hint = ask.hint === true ? (`intake.${name}Hint` as IntakeId) : ask.hint;
  return {
    label,
    hint: hint ? c.t.text(hint) : undefined,
    error: c.errorsByField.get(name),
    optional: ask.optional ? c.t.text('intake.optional') : undefined,
    conditional: ask.conditional,
  };
}

function field(c: Context, [name, ask = {}]: Row): Html {
  const fieldWords = words(c, name, c.t.text(`intake.${name}` as IntakeId), ask);
  if (ask.choices)
    return selectField(name, value(c, name), fieldWords, errorPrefix(c), ask.choices(c), {
      blank: ask.blank && c.t.text(ask.blank),
      autocomplete: ask.autocomplete,
    });
  return inputField(name, value(c, name), fieldWords, errorPrefix(c), ask);
}

/** A part of the request under its heading (`intake.section.<name>`), with its hint when it has one. */
function section(c: Context, name: string, body: Html, hint = false, optional = false): Html {
  const heading = c.t.text(`intake.section.${name}` as IntakeId);
  return html`<section aria-labelledby="section-${name}">
    <h2 id="section-${name}">
      ${heading}${optional ? html` <span class="optional">${c.t.text('intake.optional')}</span>` : html``}
    </h2>
    ${hint ? html`<p class="hint">${c.t.text(`intake.section.${name}Hint` as IntakeId)}</p>` : html``} ${body}
  </section>`;
}

function radios(
  c: Context,
  name: string,
  options: readonly string[],
  label: (option: string) => string,
): Html {
  return choiceGroup(
    name,
    'radio',
    words(c, name, c.t.text(`intake.${name}` as IntakeId)),
    errorPrefix(c),
    options.map((option) => ({
      id: `${name}-${option}`,
      name,
      value: option,
      label: label(option),
      checked: value(c, name) === option,
    })),
  );
}

const short = { short: true, maxlength: 8 } as const;
const languages = (c: Context) => {
  const names = new Intl.DisplayNames([c.t.locale], { type: 'language' });
  return PREFERRED_LANGUAGES.map((code) => {
    const name = names.of(code) ?? code;
    return { value: code, label: name.charAt(0).toLocaleUpperCase(c.t.locale) + name.slice(1) };
  });
};

const PATIENT: readonly Row[] = [
  ['firstName', { autocomplete: 'given-name', maxlength: 100 }],
  ['lastName', { autocomplete: 'family-name', maxlength: 100 }],
  ['dateOfBirth', { type: 'date', autocomplete: 'bday', short: true }],
  ['email', { type: 'email', autocomplete: 'email', hint: true }],
  ['phone', { type: 'tel', autocomplete: 'tel', hint: true, optional: true }],
  [
    'state',
    {
      autocomplete: 'address-level1',
      blank: 'intake.chooseState',
      choices: () => Object.entries(US_STATE_NAMES).map(([code, name]) => ({ value: code, label: name })),
    },
  ],
  ['preferredLanguage', { hint: true, choices: languages }],
];
const PHYSICIAN: readonly Row[] = [
  ['physicianName', { optional: true, maxlength: 100 }],
  ['physicianEmail', { type: 'email', optional: true }],
  ['physicianNpi', { hint: true, optional: true, inputmode: 'numeric', short: true }],
  ['physicianOrganization', { optional: true }],
];
const DIAGNOSIS: readonly Row[] = [
  [
    'cancer',
    {
      hint: true,
      optional: true,
      blank: 'intake.chooseCancer',
      choices: (c) =>
        Object.keys(COMMON_CANCERS).map((key) => ({
          value: key,
          label: c.t.text(`cancer.${key}` as IntakeId),
        })),
    },
  ],
  ['icd10', { hint: true, conditional: true, ...short }],
  ['stage', { hint: true, ...short }],
  ['diagnosedOn', { type: 'date', optional: true, short: true }],
];
const FIRST_OPINION: readonly Row[] = [
  ['firstOpinionPhysicianName', { maxlength: 100 }],
  ['firstOpinionOrganization'],
  ['firstOpinionIcd10', { hint: 'intake.sameAsDiagnosis', optional: true, ...short }],
  ['firstOpinionStage', { hint: 'intake.sameAsDiagnosis', optional: true, ...short }],
];
const PLAN: readonly Row[] = [
  [
    'payerId',
    {
      conditional: true,
      blank: 'intake.choosePayer',
      choices: (c) =>
        [...c.payers]
          .sort((a, b) => a.name.localeCompare(b.name, c.t.locale))
          .map((payer) => ({ value: payer.payerId, label: payer.name })),
    },
  ],
  ['memberId', { hint: true, conditional: true, short: true, maxlength: 40 }],
  ['groupNumber', { optional: true, short: true, maxlength: 40 }],
];

/** The treatment plan in order: one select per step, the first required. */
function treatmentPlan(c: Context): Html {
  const modalities = MODALITIES.map((m) => ({ value: m, label: c.t.text(`modality.${m}`) }));
  return html`<fieldset class="steps">
    <legend>${c.t.text('intake.treatmentPlan')}</legend>
    <p class="hint">${c.t.text('intake.treatmentPlanHint')}</p>
    ${Array.from({ length: FORM_TREATMENT_STEPS }, (_, i) => {
      const name = treatmentField(i + 1);
      const label = c.t.text('intake.treatmentStep', { number: i + 1 });
      return selectField(
        name,
        value(c, name),
        words(c, name, label, { optional: i > 0 }),
        errorPrefix(c),
        modalities,
        {
          blank: c.t.text(i ? 'intake.noStep' : 'intake.chooseStep'),
        },
      );
    })}
  </fieldset>`;
}

function questions(c: Context): Html[] {
  return Array.from({ length: FORM_QUESTIONS }, (_, i) => {
    const name = questionField(i + 1);
    const label = c.t.text('intake.question', { number: i + 1 });
    return textareaField(name, value(c, name), words(c, name, label, { optional: true }), errorPrefix(c));
  });
}

/** The request in the order it reads; a section for who is submitting (patient or physician) goes first. */
function sections(c: Context): Html[] {
  const { t } = c;
  const fields = (rows: readonly Row[]) => rows.map((row) => field(c, row));
  return [
    section(
      c,
      'patient',
      html`${radios(c, 'submittedBy', ['patient', 'physician'], (o) =>
        t.text(o === 'physician' ? 'intake.submittedByPhysician' : 'intake.submittedByPatient'),
      )}${fields(PATIENT)}`,
      true,
    ),
    section(c, 'physician', html`${fields(PHYSICIAN)}`, true, true),
    section(c, 'diagnosis', html`${fields(DIAGNOSIS)}`),
    section(c, 'firstOpinion', html`${fields(FIRST_OPINION)}${treatmentPlan(c)}`, true),
    section(
      c,
      'insurance',
      html`${radios(c, 'insurance', ['plan', 'self-pay'], (o) => t.text(o === 'plan' ? 'intake.insurancePlan' : 'intake.selfPay'))}
        <p class="hint">${t.text('intake.planDetails')}</p>
        ${fields(PLAN)}`,
    ),
    section(
      c,
      'reasons',
      choiceGroup(
        'reasons',
        'checkbox',
        words(c, 'reasons', t.text('intake.reasons'), { hint: true }),
        errorPrefix(c),
        REASONS.map((reason) => ({
          id: reasonField(reason),
          name: reasonField(reason),
          value: 'yes',
          label: t.text(`reason.${reason}`),
          checked: Boolean(value(c, reasonField(reason))),
        })),
      ),
    ),
    section(c, 'questions', html`${questions(c)}`, true, true),
    section(
      c,
      'preferences',
      html`${radios(c, 'urgency', ['routine', 'expedited'], (o) => t.text(`urgency.${o}` as IntakeId))}
      ${radios(c, 'consultation', ['virtual', 'in-person'], (o) => t.text(`consultation.${o}` as IntakeId))}`,
    ),
  ];
}

function languageSwitch(c: Context): Html {
  return html`<nav class="languages" aria-label="${c.t.text('intake.languageSwitch')}">
    ${LOCALES.map((locale) =>
      locale === c.t.locale
        ? html`<span lang="${locale}" aria-current="true">${AUTONYMS[locale]}</span>`
        : html`<a href="${c.formHref}?lang=${locale}" lang="${locale}" hreflang="${locale}"
            >${AUTONYMS[locale]}</a
          >`,
    )}
  </nav>`;
}

const STYLE = `${FORM_STYLE}${ERROR_SUMMARY_STYLE}
h2{margin-top:2rem}.languages{display:flex;gap:1rem;justify-content:flex-end}fieldset.steps{border:0;padding:0}
button{margin-top:1.5rem;font-weight:600;background:#00703c;color:#fff;border:0;padding:.7rem 1.4rem}`;

/**
 * The intake form (API.md "Pages for people"): the whole intake contract, usable without script, in the
 * page's language, with each mistake beside its field and what was typed kept (every value escaped).
 */
export function intakePage(model: IntakePageModel, statusCode = 200): APIGatewayProxyResult {
  const { t, errors } = model;
  const c: Context = { ...model, errorsByField: new Map(errors.map((e) => [e.field, errorText(t, e)])) };
  return page(
    statusCode,
    t.text('intake.title'),
    html`${languageSwitch(c)}
      <p>${t.text('intake.intro')}</p>
      ${errorSummary(t, errors)}
      <form method="post" action="${model.action}" novalidate>
        <input type="hidden" name="lang" value="${t.locale}" />
        <input type="hidden" name="idempotencyKey" value="${value(c, 'idempotencyKey')}" />
        ${sections(c)}
        <button type="submit">${t.text('intake.submit')}</button>
      </form>
      ${resendForm(t.locale, model.linksAction)}`,
    [],
    { lang: t.locale, style: STYLE },
  );
}
