import {
  cancerCatalog,
  consultationCatalog,
  intakeCatalog,
  modalityCatalog,
  reasonCatalog,
  urgencyCatalog,
} from './i18n/catalogs.js';
import type { Locale } from './i18n/locale.js';
import { translator } from './i18n/translator.js';

/** The intake form's words: its own, and the reasons, plans, choices and cancers it lists. */
export const intakeWords = (locale: Locale) =>
  translator(
    locale,
    intakeCatalog,
    reasonCatalog,
    modalityCatalog,
    urgencyCatalog,
    consultationCatalog,
    cancerCatalog,
  );

export type IntakeWords = ReturnType<typeof intakeWords>;
export type IntakeId = Parameters<IntakeWords['text']>[0];
