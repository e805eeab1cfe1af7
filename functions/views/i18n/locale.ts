/** The languages of the message catalogs. Patient-facing words exist in each; everything else is English. */
export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

const isLocale = (value: string): value is Locale => (LOCALES as readonly string[]).includes(value);
const primaryLanguage = (tag: string) => tag.trim().split(/[-_]/)[0]!.toLowerCase();

/** The catalog language for a language tag (a patient's `preferredLanguage`): `es`, `es-MX` → es; else en. */
export function localeOf(tag: string | undefined): Locale {
  const primary = primaryLanguage(tag ?? '');
  return isLocale(primary) ? primary : 'en';
}

/**
 * The first of our languages an Accept-Language header asks for, by weight (RFC 9110 §12.5.4), or undefined.
 * Hand-written (a dozen lines): the maintained negotiators are CommonJS packages this project does not depend on.
 */
export function acceptedLocale(header: string | undefined): Locale | undefined {
  const ranges = (header ?? '')
    .split(',')
    .map((range) => {
      const [tag = '', ...params] = range.split(';');
      const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: primaryLanguage(tag), q: weight ? Number(weight.slice(2)) : 1 };
    })
    .filter((range) => range.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranges.map((range) => range.tag).find(isLocale);
}
