import { createFormatters } from '@formatjs/intl';
import { once } from '../../shared/once.js';
import { literalOf, messageOf, messagesIn, type Catalog, type IdsOf } from './catalog.js';
import type { MessageValues } from './catalogs.js';
import { sizeInUnit } from './file-size.js';
import type { Locale } from './locale.js';

/*
 * @formatjs/intl's formatters (memoized Intl formatters and IntlMessageFormat) rather than createIntl: createIntl
 * builds every formatter it has (lists, durations, display names, relative times…), 19.4 KB minified against
 * 8.4 KB for these, in functions whose budget is 60 KB. The messages come parsed (catalogs.ts); the bundles
 * alias the parser to its no-parser entry (infra/aws/lambda-bundling.ts).
 */
const formatters = /* @__PURE__ */ once(() => createFormatters());

/** Intl's number options as formatjs types them (its `useGrouping` takes no strings). */
type NumberOptions = Parameters<ReturnType<typeof createFormatters>['getNumberFormat']>[1];
/** The values a message takes: none for plain text, else as its ICU arguments say. */
type ValuesOf<Id> = Id extends keyof MessageValues ? [values: MessageValues[Id]] : [];

export interface Translator<Id extends string> {
  readonly locale: Locale;
  /** A message in this language, values filled in; plain text (escape it where it is shown, as html`` does). */
  text<I extends Id>(id: I, ...values: ValuesOf<I>): string;
  /** A date (an ISO date or timestamp); dates without a time are calendar days, so UTC by default. */
  date(value: string | number | Date, options?: Intl.DateTimeFormatOptions): string;
  number(value: number, options?: NumberOptions): string;
  /** A size in words: "200 MB", "1.5 GB", "820 bytes". */
  fileSize(bytes: number): string;
}

/** The words of the given namespaces in one language: `translator('es', intakeCatalog, reasonCatalog)`. */
export function translator<Cs extends ReadonlyArray<Catalog<string>>>(
  locale: Locale,
  ...catalogs: Cs
): Translator<IdsOf<Cs[number]>> {
  const messages = messagesIn(locale, catalogs);
  const number = (value: number, options?: NumberOptions) =>
    formatters().getNumberFormat(locale, options).format(value);
  return {
    locale,
    text(id, ...[values]) {
      const message = messageOf(messages, id);
      return literalOf(message) ?? String(formatters().getMessageFormat(message, locale).format(values));
    },
    date(value, options) {
      const date = value instanceof Date ? value : new Date(value);
      return formatters()
        .getDateTimeFormat(locale, { timeZone: 'UTC', ...options })
        .format(date);
    },
    number,
    fileSize(bytes) {
      const { value, options } = sizeInUnit(bytes);
      return number(value, options);
    },
  };
}
