/**
 * The message catalogs at build time: functions/views/i18n/messages/<locale>.json (ICU MessageFormat, one flat
 * object of id → message per language) parsed with formatjs's own parser, checked against English, and packed
 * for the functions (`npm run catalogs` writes functions/views/i18n/catalogs.ts). The functions bundle no
 * parser: they format the parsed messages (ASTs) with @formatjs/intl.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import {
  isStructurallySame,
  parse,
  TYPE,
  type MessageFormatElement,
} from '@formatjs/icu-messageformat-parser';
import { LOCALES, type Locale } from '../functions/views/i18n/locale.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const MESSAGES_DIR = join(REPO_ROOT, 'functions/views/i18n/messages');
export const CATALOGS_MODULE = join(REPO_ROOT, 'functions/views/i18n/catalogs.ts');

/** What a message is written in: a flat object, id → ICU message, per language. */
export type SourceCatalogs = Record<Locale, Record<string, string>>;
/** Parsed: id → AST, per language. */
export type ParsedCatalogs = Record<Locale, Record<string, MessageFormatElement[]>>;

/** Ids are dotted words; the first word is the namespace a view loads (`intake.title` → intake). */
const MESSAGE_ID = /^[a-z][a-zA-Z]*(\.[a-zA-Z0-9-]+)+$/;
/** Messages are text: markup is written by views, never by translators (`<b>` stays two characters). */
const PARSE_OPTIONS = { ignoreTag: true, requiresOtherClause: true } as const;

export function readSourceCatalogs(dir = MESSAGES_DIR): SourceCatalogs {
  return Object.fromEntries(
    LOCALES.map((locale) => [
      locale,
      JSON.parse(readFileSync(join(dir, `${locale}.json`), 'utf8')) as Record<string, string>,
    ]),
  ) as SourceCatalogs;
}

/**
 * Parses every message and compares each language with English: the same ids, and in each message the same
 * arguments of the same types (formatjs's isStructurallySame). Answers the parsed catalogs and every problem.
 */
export function checkCatalogs(sources: SourceCatalogs): { parsed: ParsedCatalogs; problems: string[] } {
  const problems: string[] = [];
  const parsed = {} as ParsedCatalogs;
  for (const locale of LOCALES) {
    parsed[locale] = {};
    for (const [id, message] of Object.entries(sources[locale])) {
      if (!MESSAGE_ID.test(id)) problems.push(`${locale}: ${id}: not a message id (namespace.words)`);
      try {
        parsed[locale][id] = parse(message, PARSE_OPTIONS);
      } catch (error) {
        problems.push(`${locale}: ${id}: ${(error as Error).message}`);
      }
    }
  }
  const english = parsed.en;
  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    const other = parsed[locale];
    for (const id of Object.keys(sources.en)) {
      if (!(id in sources[locale])) problems.push(`${locale}: ${id}: missing`);
      else if (english[id] && other[id]) {
        const same = isStructurallySame(english[id], other[id]);
        if (!same.success)
          problems.push(`${locale}: ${id}: arguments differ from English: ${same.error?.message}`);
      }
    }
    for (const id of Object.keys(sources[locale])) {
      if (!(id in sources.en)) problems.push(`${locale}: ${id}: not in English`);
    }
  }
  return { parsed, problems };
}

export const namespaceOf = (id: string): string => id.slice(0, id.indexOf('.'));

/** One namespace's messages in every language, as the functions unpack them: `{ en: {id: AST}, es: … }`. */
export function namespaceMessages(parsed: ParsedCatalogs, namespace: string): ParsedCatalogs {
  return Object.fromEntries(
    LOCALES.map((locale) => [
      locale,
      Object.fromEntries(Object.entries(parsed[locale]).filter(([id]) => namespaceOf(id) === namespace)),
    ]),
  ) as ParsedCatalogs;
}

/**
 * A namespace packed for a bundle: its JSON, brotli-compressed, in base64. Catalog text is most of a people's
 * page function (both languages of the intake form are ~27 KB of JSON, ~6 KB packed), the SDK's bundles load
 * node:zlib already, and unpacking once per cold start takes well under a millisecond.
 */
function pack(messages: ParsedCatalogs): string {
  const json = Buffer.from(JSON.stringify(messages), 'utf8');
  return brotliCompressSync(json, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: json.length },
  }).toString('base64');
}

type ArgumentType = 'string | number' | 'number' | 'Date | number' | 'string';

/** The values a message takes, by name, as TypeScript types (from its English AST). */
function argumentTypes(elements: readonly MessageFormatElement[]): Map<string, ArgumentType> {
  const found = new Map<string, ArgumentType>();
  for (const element of elements) {
    if (element.type === TYPE.argument) found.set(element.value, 'string | number');
    else if (element.type === TYPE.number) found.set(element.value, 'number');
    else if (element.type === TYPE.date || element.type === TYPE.time)
      found.set(element.value, 'Date | number');
    else if (element.type === TYPE.plural || element.type === TYPE.select) {
      found.set(element.value, element.type === TYPE.plural ? 'number' : 'string');
      for (const option of Object.values(element.options)) {
        for (const [name, type] of argumentTypes(option.value)) found.set(name, type);
      }
    }
  }
  return found;
}

/** The generated module's source: one packed catalog per namespace, typed by its ids, and every message's values. */
export function catalogsModuleSource(parsed: ParsedCatalogs): string {
  const ids = Object.keys(parsed.en);
  const namespaces = [...new Set(ids.map(namespaceOf))].sort();
  const quote = (text: string) => `'${text}'`;
  const catalogs = namespaces.map((namespace) => {
    const own = ids.filter((id) => namespaceOf(id) === namespace);
    return [
      `/** ${namespace}: ${own.length} messages in ${LOCALES.join(', ')}. */`,
      `export const ${namespace}Catalog: Catalog<${own.map(quote).join(' | ')}> = {`,
      `  namespace: '${namespace}',`,
      `  packed: '${pack(namespaceMessages(parsed, namespace))}',`,
      '};',
    ].join('\n');
  });
  const values = ids.flatMap((id) => {
    const args = [...argumentTypes(parsed.en[id]!)];
    return args.length
      ? [`  ${quote(id)}: { ${args.map(([name, type]) => `${name}: ${type}`).join('; ')} };`]
      : [];
  });
  return [
    '// Generated by `npm run catalogs` from functions/views/i18n/messages/*.json (infra/catalogs.ts): do not edit.',
    "import type { Catalog } from './catalog.js';",
    '',
    ...catalogs.flatMap((catalog) => [catalog, '']),
    '/** The values of each message that takes any, by message id. */',
    'export interface MessageValues {',
    ...values,
    '}',
    '',
  ].join('\n');
}
