import { TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { brotliDecompressSync } from 'node:zlib';
import type { Locale } from './locale.js';

/**
 * One namespace's messages (`intake.*`) in every language, parsed and packed by `npm run catalogs`
 * (infra/catalogs.ts): a view loads only the namespaces it shows. `Id` types the namespace's message ids.
 */
export interface Catalog<Id extends string> {
  readonly namespace: string;
  readonly packed: string;
  /** Never set: it carries the ids' type. */
  readonly ids?: Id;
}

export type IdsOf<C> = C extends Catalog<infer Id> ? Id : never;

/** Message id → parsed message, for one language. */
export type Messages = Readonly<Record<string, MessageFormatElement[]>>;

const unpacked = new Map<string, Readonly<Record<Locale, Messages>>>();

/** A namespace's messages in every language, unpacked on first use and kept. */
export function unpack(catalog: Catalog<string>): Readonly<Record<Locale, Messages>> {
  let messages = unpacked.get(catalog.namespace);
  if (!messages) {
    const json = brotliDecompressSync(Buffer.from(catalog.packed, 'base64')).toString('utf8');
    messages = JSON.parse(json) as Record<Locale, Messages>;
    unpacked.set(catalog.namespace, messages);
  }
  return messages;
}

/** The messages of the given namespaces in one language. */
export function messagesIn(locale: Locale, catalogs: ReadonlyArray<Catalog<string>>): Messages {
  return Object.assign({}, ...catalogs.map((catalog) => unpack(catalog)[locale])) as Messages;
}

export function messageOf(messages: Messages, id: string): MessageFormatElement[] {
  const message = messages[id];
  if (!message) throw new Error(`No message ${id}: load its namespace`);
  return message;
}

/** The text of a message without arguments; undefined when it has any. */
export function literalOf(message: readonly MessageFormatElement[]): string | undefined {
  const [only] = message;
  return message.length === 1 && only!.type === TYPE.literal ? only.value : undefined;
}
