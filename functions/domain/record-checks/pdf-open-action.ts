import { MAX_TOKENS, dictEntries, isInteger } from './pdf-dictionary.js';
import type { PdfToken } from './pdf-lexer.js';
import { ACTION_TYPES, HARMLESS_OPEN_ACTION } from './pdf-names.js';

/** Action objects remembered, to tell what an /OpenAction referring to one would do. */
const MAX_ACTIONS = 100_000;

interface ActionObject {
  types: Set<string>;
  next: boolean;
}

/** What a token told of what the PDF does by itself when opened. */
export type OpenActionFinding = 'acts' | 'unreadable' | undefined;

/**
 * What a PDF does by itself when opened: its /OpenAction's value (a destination array, an action, or a
 * reference to one), and every action object read, to tell what a reference leads to. Only going to one of
 * its own pages, chaining nothing, is harmless.
 */
export class OpenActions {
  private reading: { tokens: PdfToken[]; depth: number } | undefined;
  private readonly targets: number[] = [];
  private readonly actions = new Map<number, ActionObject>();
  private lastKey = '';
  private lastObject: number | undefined;

  /** A token of object `object` (undefined outside any), at `depth` in it. */
  token(token: PdfToken, object: number | undefined, depth: number): OpenActionFinding {
    const finding = this.readValue(token);
    if (object !== this.lastObject || token.type === 'word') this.lastKey = '';
    this.lastObject = object;
    if (token.type !== 'name') return finding;
    if (token.value === 'OpenAction') this.reading = { tokens: [], depth: 0 };
    if (depth !== 1 || object === undefined) return finding;
    // An action object: `/S` and its type at the top of the object's dictionary, and whether it chains more.
    if (this.lastKey === 'S' && ACTION_TYPES.has(token.value)) this.action(object)?.types.add(token.value);
    if (token.value === 'Next') {
      const action = this.action(object);
      if (action) action.next = true;
    }
    this.lastKey = this.lastKey === 'S' ? '' : token.value;
    return finding;
  }

  /** At the end of the file: whether an /OpenAction refers to an action that does more than go to a page. */
  end(): OpenActionFinding {
    for (const target of this.targets) {
      const action = this.actions.get(target);
      if (!action || action.types.size === 0) continue;
      if (action.next || [...action.types].some((type) => type !== HARMLESS_OPEN_ACTION)) return 'acts';
    }
    return undefined;
  }

  private readValue(token: PdfToken): OpenActionFinding {
    const reading = this.reading;
    if (!reading) return undefined;
    const { tokens } = reading;
    tokens.push(token);
    if (token.type === 'open-dict' || token.type === 'open-array') reading.depth++;
    if (token.type === 'close-dict' || token.type === 'close-array') reading.depth--;
    if (tokens.length > MAX_TOKENS) {
      this.reading = undefined;
      return 'unreadable';
    }
    const first = tokens[0]!;
    const reference = isInteger(first);
    if (reading.depth > 0 || (reference && tokens.length < 3)) return undefined;
    this.reading = undefined;
    if (first.type === 'open-dict') {
      const entries = dictEntries(tokens);
      const type = entries.get('S')?.[0];
      const acts = type?.type === 'name' && type.value !== HARMLESS_OPEN_ACTION;
      return acts || entries.has('Next') ? 'acts' : undefined;
    }
    if (reference && tokens[2]?.type === 'word' && tokens[2].value === 'R')
      this.targets.push(Number(first.value));
    return undefined;
  }

  private action(number: number): ActionObject | undefined {
    let found = this.actions.get(number);
    if (!found && this.actions.size < MAX_ACTIONS) {
      found = { types: new Set(), next: false };
      this.actions.set(number, found);
    }
    return found;
  }
}
