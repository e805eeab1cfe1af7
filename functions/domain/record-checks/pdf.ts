import { constants, inflateSync } from 'node:zlib';
import { MAX_TOKENS, dictEntries, isInteger } from './pdf-dictionary.js';
import { PdfLexer, decodeName, type PdfToken } from './pdf-lexer.js';
import { ACTIVE_NAMES, LONG_ACTIVE_NAME } from './pdf-names.js';
import { objectsOf } from './pdf-object-stream.js';
import { OpenActions, type OpenActionFinding } from './pdf-open-action.js';
import type { ContentScanner } from './scanner.js';
import { refuse, refuseActiveContent, type Refused } from './verdict.js';

/** Markup outside stream data: the same file read as a web page (a PDF/HTML polyglot). */
const MARKUP =
  /<(?:html|head|body|script|svg|iframe|object|embed|img|meta|style|form|!doctype|\?xml|\?php)\b/i;
/** Each window repeats this many bytes of the one before, so no name or tag hides across a chunk boundary. */
const OVERLAP = 64;
/** An object stream's objects are read from their offsets; all of them together read at most this much more. */
const OBJECT_STREAM_READ_SLACK = 1024 * 1024;
const FIRST_SLICE_BYTES = 256;

/**
 * A PDF, read once front to back: refused for any active name (also `#xx`-escaped, also inside compressed
 * object streams, which are inflated within a budget), an /OpenAction other than going to one of its pages,
 * encryption (nothing inside could be checked), and web page markup outside stream data.
 */
export class PdfScanner implements ContentScanner {
  private refusal: Refused | undefined;
  /** Something could not be read: refused at the end, unless a plainer reason (encryption) turns up first. */
  private uninspectable = false;
  private readonly lexer = new PdfLexer({
    token: (token) => this.onToken(token),
    streamData: (bytes) => this.onStreamData(bytes),
    streamEnd: () => this.onStreamEnd(),
    outside: (bytes) => this.onOutside(bytes),
  });
  private rawCarry = '';
  private outsideCarry = '';
  private inflatedBytes = 0;

  // The object being read: its number, its nesting, the last tokens, and its dictionary's tokens so far.
  private object: number | undefined;
  private objectDone = false;
  private depth = 0;
  private previous: PdfToken[] = [];
  private dict: PdfToken[] = [];
  /** An object stream's data while it arrives, and its dictionary. */
  private captured: { parts: Uint8Array[]; bytes: number; dict: PdfToken[] } | undefined;

  private readonly openActions = new OpenActions();

  constructor(private readonly maxInflatedBytes: number) {}

  push(chunk: Uint8Array): Refused | undefined {
    this.scanRaw(latin1(chunk));
    if (!this.refusal) this.lexer.push(chunk);
    if (this.refusal) this.lexer.halt();
    return this.refusal;
  }

  end(): Refused | undefined {
    this.lexer.end();
    if (!this.refusal) this.onOpenAction(this.openActions.end());
    if (this.uninspectable) this.fail(refuse('pdf-uninspectable'));
    return this.refusal;
  }

  private fail(refusal: Refused): void {
    this.refusal ??= refusal;
  }

  private cannotRead(): void {
    this.uninspectable = true;
  }

  /** Long active names anywhere in the file's bytes, wherever the tokenizer reads or steps over. */
  private scanRaw(text: string): void {
    const window = this.rawCarry + text;
    const found = longActiveName(window);
    if (found) this.fail(found);
    this.rawCarry = window.slice(-OVERLAP);
  }

  private onOutside(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const window = this.outsideCarry + latin1(bytes);
    if (MARKUP.test(window)) this.fail(refuse('pdf-polyglot'));
    this.outsideCarry = window.slice(-OVERLAP);
  }

  private onToken(token: PdfToken): void {
    if (this.refusal) return;
    this.onOpenAction(this.openActions.token(token, this.object, this.depth));
    if (token.type === 'name') this.onName(token.value);
    if (token.type === 'word') this.onWord(token.value);
    if (token.type === 'open-dict' || token.type === 'open-array') this.depth++;
    if (token.type === 'close-dict' || token.type === 'close-array') this.depth--;
    if (this.depth <= 0) this.objectDone = this.object !== undefined;
    if (this.dict.length <= MAX_TOKENS) this.dict.push(token);
    this.previous = [this.previous.at(-1), token].filter((t) => t !== undefined);
  }

  private onName(name: string): void {
    const feature = ACTIVE_NAMES.get(name);
    if (feature) return this.fail(refuseActiveContent(feature));
    if (name === 'Encrypt') this.fail(refuse('pdf-encrypted'));
  }

  private onOpenAction(finding: OpenActionFinding): void {
    if (finding === 'acts') this.fail(refuseActiveContent('automatic-action'));
    if (finding === 'unreadable') this.cannotRead();
  }

  private onWord(word: string): void {
    const [number, generation] = this.previous;
    if (word === 'obj' && isInteger(number) && isInteger(generation)) this.beginObject(Number(number.value));
    else if (word === 'stream') this.onStreamStart();
    else if (word === 'trailer' || word === 'endobj') this.object = undefined;
  }

  private beginObject(number: number | undefined): void {
    this.object = number;
    this.objectDone = false;
    this.depth = 0;
    this.dict = [];
  }

  /** An object stream's data is kept to be inflated and read; any other stream's is only scanned raw. */
  private onStreamStart(): void {
    if (this.dict.length > MAX_TOKENS) return this.cannotRead();
    const entries = dictEntries(this.dict);
    const type = entries.get('Type')?.[0];
    // A reader takes a stream with /N and /First for an object stream, whatever its /Type says.
    const objectStream =
      (type?.type === 'name' && type.value === 'ObjStm') || (entries.has('N') && entries.has('First'));
    if (objectStream) this.captured = { parts: [], bytes: 0, dict: this.dict };
  }

  private onStreamData(bytes: Uint8Array): void {
    const captured = this.captured;
    if (!captured) return;
    captured.bytes += bytes.length;
    if (captured.bytes > this.maxInflatedBytes) {
      this.captured = undefined;
      return this.cannotRead();
    }
    captured.parts.push(Uint8Array.from(bytes));
  }

  private onStreamEnd(): void {
    const captured = this.captured;
    this.captured = undefined;
    if (!captured) return;
    const entries = dictEntries(captured.dict);
    const content = this.decode(Buffer.concat(captured.parts), entries);
    if (!content) return;
    const found = longActiveName(latin1(content));
    if (found) return this.fail(found);
    this.readObjects(content, entries);
  }

  /** An object stream's content: as it is, or inflated within the budget; refused when it cannot be read. */
  private decode(data: Buffer, entries: ReadonlyMap<string, PdfToken[]>): Buffer | undefined {
    const filters = (entries.get('Filter') ?? []).flatMap((t) => (t.type === 'name' ? [t.value] : []));
    if (filters.length === 0) return data;
    if (filters.length > 1 || filters[0] !== 'FlateDecode' || hasPredictor(entries.get('DecodeParms'))) {
      this.cannotRead();
      return undefined;
    }
    try {
      const inflated = inflateSync(data, {
        maxOutputLength: Math.max(1, this.maxInflatedBytes - this.inflatedBytes),
        // A truncated stream gives what it holds, as a reader would show it.
        finishFlush: constants.Z_SYNC_FLUSH,
      });
      this.inflatedBytes += inflated.length;
      return inflated;
    } catch {
      this.cannotRead();
      return undefined;
    }
  }

  /**
   * Each object of an object stream read from its own offset until its value ends, as a reader reads it (an
   * offset may point inside another object's string). The objects hold no streams. Reading is bounded.
   */
  private readObjects(content: Buffer, entries: ReadonlyMap<string, PdfToken[]>): void {
    const outer = { object: this.object, previous: this.previous, dict: this.dict };
    let budget = 4 * content.length + OBJECT_STREAM_READ_SLACK;
    for (const { number, start } of objectsOf(content, entries)) {
      this.beginObject(number);
      const lexer: PdfLexer = new PdfLexer(
        {
          token: (token) => {
            this.onToken(token);
            if (this.objectDone || this.refusal) lexer.halt();
          },
          streamData: () => {},
          streamEnd: () => {},
          outside: () => {},
        },
        false,
      );
      // Slices that double: most objects end within the first; each is read only as far as it goes.
      for (
        let at = start, size = FIRST_SLICE_BYTES;
        at < content.length && !this.objectDone;
        at += size, size *= 2
      ) {
        budget -= size;
        if (budget < 0 || this.refusal) break;
        lexer.push(content.subarray(at, at + size));
      }
      if (budget < 0) this.cannotRead();
      if (budget < 0 || this.refusal) break;
      lexer.end();
    }
    ({ object: this.object, previous: this.previous, dict: this.dict } = outer);
  }
}

function longActiveName(text: string): Refused | undefined {
  for (const match of text.matchAll(LONG_ACTIVE_NAME)) {
    const raw = match[1]!;
    const name = raw.includes('#') ? decodeName(Array.from(raw, (c) => c.charCodeAt(0))) : raw;
    const feature = name.length >= 5 ? ACTIVE_NAMES.get(name) : undefined;
    if (feature) return refuseActiveContent(feature);
  }
  return undefined;
}

function hasPredictor(parms: readonly PdfToken[] | undefined): boolean {
  return (parms ?? []).some((token, i, all) => {
    const value = all[i + 1];
    return (
      token.type === 'name' &&
      token.value === 'Predictor' &&
      value?.type === 'word' &&
      Number(value.value) > 1
    );
  });
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
}
