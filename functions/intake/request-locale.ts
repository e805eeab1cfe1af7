import type { APIGatewayProxyEvent } from 'aws-lambda';
import { header } from '../middleware/http.js';
import { acceptedLocale, LOCALES, type Locale } from '../views/i18n/locale.js';

/** A page's language: `?lang=` when it names one of ours (the switch), else the browser's Accept-Language, else English. */
export function requestLocale(
  event: Pick<APIGatewayProxyEvent, 'headers' | 'queryStringParameters'>,
): Locale {
  const asked = event.queryStringParameters?.lang;
  if ((LOCALES as readonly string[]).includes(asked ?? '')) return asked as Locale;
  return acceptedLocale(header(event, 'accept-language')) ?? 'en';
}
