import { TYPE } from '@formatjs/icu-messageformat-parser';
import { messageOf, messagesIn, type Catalog, type IdsOf } from './catalog.js';
import type { MessageValues } from './catalogs.js';
import { sizeInUnit } from './file-size.js';
import type { Locale } from './locale.js';
import type { Translator } from './translator.js';

type ValuesOf<Id> = Id extends keyof MessageValues ? [values: MessageValues[Id]] : [];

/**
 * The words of namespaces whose messages are text and plain `{arguments}` only (no plural, select or number
 * formats), for functions that cannot carry @formatjs/intl's runtime (~15 KB: the intake functions, which send
 * the confirmation, are at their bundle budget). Hand-written, a dozen lines: it joins the parsed message's
 * parts, and refuses any other part, so a message given a plural later fails its test rather than mis-reading;
 * dates and sizes come from the runtime's own Intl. The catalogs test keeps these namespaces plain.
 */
export function plainWords<Cs extends ReadonlyArray<Catalog<string>>>(
  locale: Locale,
  ...catalogs: Cs
): Pick<Translator<IdsOf<Cs[number]>>, 'locale' | 'date' | 'fileSize'> & {
  text<I extends IdsOf<Cs[number]>>(id: I, ...values: ValuesOf<I>): string;
} {
  const messages = messagesIn(locale, catalogs);
  return {
    locale,
    text(id, ...[values]) {
      return messageOf(messages, id)
        .map((part) => {
          if (part.type === TYPE.literal) return part.value;
          if (part.type === TYPE.argument) return String((values as Record<string, unknown>)[part.value]);
          throw new Error(`Message ${id} is not plain text and arguments`);
        })
        .join('');
    },
    date: (value, options) =>
      new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options }).format(
        value instanceof Date ? value : new Date(value),
      ),
    fileSize(bytes) {
      const { value, options } = sizeInUnit(bytes);
      return new Intl.NumberFormat(locale, options).format(value);
    },
  };
}
