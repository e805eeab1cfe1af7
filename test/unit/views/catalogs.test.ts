import { readFileSync } from 'node:fs';
import * as prettier from 'prettier';
import {
  CATALOGS_MODULE,
  catalogsModuleSource,
  checkCatalogs,
  namespaceMessages,
  namespaceOf,
  readSourceCatalogs,
  type SourceCatalogs,
} from '../../../infra/catalogs.js';
import { CASE_STATUSES } from '../../../functions/domain/case.js';
import { COMMON_CANCERS } from '../../../functions/domain/common-cancers.js';
import { MODALITIES } from '../../../functions/domain/opinion-terms.js';
import { REASONS } from '../../../functions/domain/reasons.js';
import { RECORD_TYPES } from '../../../functions/domain/records.js';
import { REFUSAL_REASONS } from '../../../functions/domain/record-checks/reasons.js';
import { unpack, type Catalog } from '../../../functions/views/i18n/catalog.js';
import * as catalogs from '../../../functions/views/i18n/catalogs.js';

const sources = readSourceCatalogs();
const { parsed, problems } = checkCatalogs(sources);
const packedCatalogs = Object.values(catalogs) as Array<Catalog<string>>;

/** The generated module with every packed namespace blanked: packing is compared unpacked, below. */
const withoutPacks = (source: string) => source.replace(/packed:\s*'[^']*'/g, "packed: ''");

describe('message catalogs', () => {
  it('give every message in every language, with the arguments English has', () => {
    expect(problems).toEqual([]);
    expect(Object.keys(sources.es).sort()).toEqual(Object.keys(sources.en).sort());
    expect(Object.keys(sources.en).length).toBeGreaterThan(150);
  });

  it('are packed as generated from the message files (run `npm run catalogs` after changing them)', async () => {
    // Arrange
    const namespaces = [...new Set(Object.keys(sources.en).map(namespaceOf))].sort();
    const options = (await prettier.resolveConfig(CATALOGS_MODULE)) ?? {};

    // Act
    const expected = await prettier.format(catalogsModuleSource(parsed), {
      ...options,
      filepath: CATALOGS_MODULE,
    });

    // Assert
    expect(withoutPacks(readFileSync(CATALOGS_MODULE, 'utf8'))).toBe(withoutPacks(expected));
    expect(packedCatalogs.map((catalog) => catalog.namespace).sort()).toEqual(namespaces);
    for (const catalog of packedCatalogs)
      expect(unpack(catalog)).toEqual(namespaceMessages(parsed, catalog.namespace));
  });

  it('fail the check when a language misses a message, has one English lacks, or changes its arguments', () => {
    // Arrange
    const broken: SourceCatalogs = {
      en: {
        'intake.title': 'Ask',
        'intake.step': 'Step {number}',
        'intake.count': '{count, plural, one {# field} other {# fields}}',
        'intake.size': '{size, number} bytes',
      },
      es: {
        'intake.step': 'Paso {numero}',
        'intake.count': '{count, select, one {# campo} other {# campos}}',
        'intake.size': '{size} bytes',
        'intake.extra': 'Extra',
      },
    };

    // Act
    const found = checkCatalogs(broken).problems;

    // Assert
    expect(found).toEqual(
      expect.arrayContaining([
        'es: intake.title: missing',
        'es: intake.extra: not in English',
        expect.stringMatching(/^es: intake\.step: arguments differ from English/),
        expect.stringMatching(/^es: intake\.count: arguments differ from English/),
        expect.stringMatching(/^es: intake\.size: arguments differ from English/),
      ]),
    );
    expect(found).toHaveLength(5);
  });

  it('fail the check on a message that does not parse or an id without a namespace', () => {
    const found = checkCatalogs({
      en: { 'intake.bad': 'Hello {name', title: 'No namespace' },
      es: {},
    }).problems;
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^en: intake\.bad: /),
        'en: title: not a message id (namespace.words)',
      ]),
    );
  });

  it('name every reason, treatment, record type, case status and listed cancer in words', () => {
    const ids = new Set(Object.keys(sources.en));
    const expected = [
      ...REASONS.map((reason) => `reason.${reason}`),
      ...MODALITIES.map((modality) => `modality.${modality}`),
      ...RECORD_TYPES.map((type) => `records.type.${type}`),
      ...Object.keys(REFUSAL_REASONS).map((code) => `refusal.${code}`),
      ...CASE_STATUSES.map((status) => `status.step.${status}`),
      ...Object.keys(COMMON_CANCERS).map((cancer) => `cancer.${cancer}`),
      'urgency.routine',
      'urgency.expedited',
      'consultation.virtual',
      'consultation.in-person',
    ];
    expect(expected.filter((id) => !ids.has(id))).toEqual([]);
  });

  it("say in English each refusal's reason as the record checks store it (the JSON checklist's refusedReason)", () => {
    const english = Object.fromEntries(
      Object.keys(REFUSAL_REASONS).map((code) => [code, sources.en[`refusal.${code}`]]),
    );
    expect(english).toEqual(REFUSAL_REASONS);
  });

  it('are ASCII as packed, so a bundle stays one-byte source', () => {
    expect(readFileSync(CATALOGS_MODULE, 'utf8')).toMatch(/^[\x20-\x7e\n]*$/);
  });
});
