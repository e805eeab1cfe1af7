/**
 * Form controls for people's pages, in the pattern screen readers and keyboards expect: a label for every control,
 * its hint and its error tied to it (aria-describedby), the error announced first, what was typed kept.
 */
import { html, type Html } from './page.js';

const nothing = html``;

/** What surrounds a control: its words in the page's language. */
export interface FieldWords {
  label: string;
  hint?: string;
  /** The error shown beside it, if any. */
  error?: string;
  /** Shown after the label ("(optional)"); required fields carry `required` instead. */
  optional?: string;
  /** Neither optional nor required: needed only with another answer (say so in the hint). */
  conditional?: boolean;
}

/** The words every field shares: the hidden prefix read before an error ("Error:"). */
export interface FormWords {
  errorPrefix: string;
}

const describedBy = (id: string, words: FieldWords) =>
  [words.hint ? `${id}-hint` : '', words.error ? `${id}-error` : ''].filter(Boolean).join(' ');

const labelOf = (words: FieldWords) =>
  html`${words.label}${words.optional ? html` <span class="optional">${words.optional}</span>` : nothing}`;

/** The hint, then the error, each with the id the control's aria-describedby names. */
function hintAndError(id: string, words: FieldWords, form: FormWords): Html {
  return html`${words.hint ? html`<p class="hint" id="${id}-hint">${words.hint}</p>` : nothing}
  ${
    words.error
      ? html`<p class="error" id="${id}-error">
          <span class="visually-hidden">${form.errorPrefix}</span> ${words.error}
        </p>`
      : nothing
  }`;
}

function around(id: string, words: FieldWords, form: FormWords, control: Html): Html {
  return html`<div class="field${words.error ? ' field-error' : ''}">
    <label for="${id}">${labelOf(words)}</label>
    ${hintAndError(id, words, form)} ${control}
  </div>`;
}

/** The attributes every control shares: name, id, described-by, invalid, required. */
function common(name: string, words: FieldWords): Html {
  const described = describedBy(name, words);
  return html`id="${name}"
  name="${name}"${described ? html` aria-describedby="${described}"` : nothing}${
    words.error ? html` aria-invalid="true"` : nothing
  }${words.optional || words.conditional ? nothing : html` required`}`;
}

export interface InputOptions {
  type?: 'text' | 'email' | 'tel' | 'date';
  autocomplete?: string;
  inputmode?: 'numeric' | 'text';
  maxlength?: number;
  /** A narrow box for short values (codes, stage, ids). */
  short?: boolean;
}

export function inputField(
  name: string,
  value: string,
  words: FieldWords,
  form: FormWords,
  options: InputOptions = {},
): Html {
  const { type = 'text', autocomplete, inputmode, maxlength, short } = options;
  return around(
    name,
    words,
    form,
    html`<input
      ${common(name, words)}
      type="${type}"
      value="${value}"
      ${short ? html` class="short"` : nothing}${
        autocomplete ? html` autocomplete="${autocomplete}"` : nothing
      }${inputmode ? html` inputmode="${inputmode}"` : nothing}${
        maxlength ? html` maxlength="${maxlength}"` : nothing
      }
    />`,
  );
}

export function textareaField(name: string, value: string, words: FieldWords, form: FormWords): Html {
  return around(name, words, form, html`<textarea ${common(name, words)} rows="3">${value}</textarea>`);
}

export interface Choice {
  value: string;
  label: string;
}

/** A select; `blank` is the first, empty choice ("Choose a state"). */
export function selectField(
  name: string,
  value: string,
  words: FieldWords,
  form: FormWords,
  choices: readonly Choice[],
  options: { blank?: string; autocomplete?: string } = {},
): Html {
  const option = (choice: Choice) =>
    html`<option value="${choice.value}" ${choice.value === value ? html` selected` : nothing}>
      ${choice.label}
    </option>`;
  return around(
    name,
    words,
    form,
    html`<select
      ${common(name, words)}${options.autocomplete ? html` autocomplete="${options.autocomplete}"` : nothing}
    >
      ${options.blank !== undefined ? option({ value: '', label: options.blank }) : nothing}
      ${choices.map(option)}
    </select>`,
  );
}

export interface CheckedChoice extends Choice {
  /** The input's id and, for checkboxes, its own name. */
  id: string;
  name: string;
  checked: boolean;
}

/**
 * Radios or checkboxes under one question (fieldset and legend); `id` names the group's hint and error, and
 * the first choice is where a link to the error lands.
 */
export function choiceGroup(
  id: string,
  type: 'radio' | 'checkbox',
  words: FieldWords,
  form: FormWords,
  choices: readonly CheckedChoice[],
): Html {
  const described = describedBy(id, words);
  return html`<fieldset
    id="${id}"
    class="choices${words.error ? ' field-error' : ''}"
    ${described ? html` aria-describedby="${described}"` : nothing}
  >
    <legend>${labelOf(words)}</legend>
    ${hintAndError(id, words, form)}
    ${choices.map(
      (choice) =>
        html`<div class="choice">
          <input
            type="${type}"
            id="${choice.id}"
            name="${choice.name}"
            value="${choice.value}"
            ${choice.checked ? html` checked` : nothing}
          />
          <label for="${choice.id}">${choice.label}</label>
        </div>`,
    )}
  </fieldset>`;
}

/** Styles for these controls, added to a page's own (page()'s `style`). */
export const FORM_STYLE = `label,legend{font-weight:600;display:block;margin:.2rem 0}legend{padding:0}
.field{margin:1rem 0}.hint{color:#4b4b4b;margin:.1rem 0 .3rem}.optional{font-weight:400;color:#4b4b4b}
input,select,textarea{font:inherit;font-size:1rem;padding:.4rem;border:2px solid #1a1a1a;border-radius:0;box-sizing:border-box;width:100%;max-width:30rem}
input.short{max-width:10rem}input[type=radio],input[type=checkbox]{width:1.4rem;height:1.4rem;margin:0 .5rem 0 0;flex:none}
.choice{display:flex;align-items:center;margin:.5rem 0}.choice label{font-weight:400;margin:0}
:focus{outline:3px solid #ffbf47;outline-offset:0}
.field-error{border-left:5px solid #b10e1e;padding-left:.8rem}.error{color:#b10e1e;font-weight:600;margin:.2rem 0}
.field-error input,.field-error select,.field-error textarea{border-color:#b10e1e}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
fieldset{padding:.5rem 1rem}fieldset.choices{border:0;padding:0;margin:1rem 0}
fieldset.choices.field-error{border-left:5px solid #b10e1e;padding-left:.8rem}`;
