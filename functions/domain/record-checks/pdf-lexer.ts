/**
 * A PDF tokenizer fed chunk by chunk (hand-written: the maintained parsers load whole documents and are far
 * beyond a Lambda's bundle budget). It knows strings, comments and stream data well enough to step over them,
 * so that a name inside them is not taken for a key, and it hands stream data over unparsed.
 */
export type PdfToken =
  | { type: 'name'; value: string }
  | { type: 'word'; value: string }
  | { type: 'open-dict' | 'close-dict' | 'open-array' | 'close-array' | 'string' };

export interface PdfLexerEvents {
  token(token: PdfToken): void;
  /** Bytes of a stream's data (after the `stream` keyword's end of line, up to `endstream`). */
  streamData(bytes: Uint8Array): void;
  streamEnd(): void;
  /** Every byte that is not stream data, in order. */
  outside(bytes: Uint8Array): void;
}

const enum State {
  Top,
  Name,
  Word,
  Comment,
  String,
  HexString,
  AfterLt,
  AfterGt,
  StreamStart,
  Stream,
}

const ENDSTREAM = Buffer.from('endstream', 'latin1');
/** Names and words longer than this are no key or keyword we look for: the rest of them is not kept. */
const MAX_TOKEN_BYTES = 64;

const isWhitespace = (b: number) =>
  b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0;
const isDelimiter = (b: number) =>
  b === 0x28 ||
  b === 0x29 ||
  b === 0x3c ||
  b === 0x3e ||
  b === 0x5b ||
  b === 0x5d ||
  b === 0x7b ||
  b === 0x7d ||
  b === 0x2f ||
  b === 0x25;

export class PdfLexer {
  private state = State.Top;
  private token: number[] = [];
  private depth = 0;
  private escaped = false;
  private afterCr = false;
  private halted = false;
  /** The last bytes of stream data, held back while they could be the start of `endstream`. */
  private held: Uint8Array = new Uint8Array();

  /** `streams: false` for the objects of an object stream, which hold no streams of their own. */
  constructor(
    private readonly events: PdfLexerEvents,
    private readonly streams = true,
  ) {}

  push(chunk: Uint8Array): void {
    let outsideFrom = 0;
    let i = 0;
    while (i < chunk.length && !this.halted) {
      if (this.state === State.Stream) {
        this.events.outside(chunk.subarray(outsideFrom, i));
        i = this.streamBytes(chunk, i);
        outsideFrom = i;
        continue;
      }
      i = this.step(chunk[i]!, i);
    }
    if (this.state !== State.Stream) this.events.outside(chunk.subarray(outsideFrom));
  }

  /** Stops reading: the rest of this chunk and any later ones are ignored. */
  halt(): void {
    this.halted = true;
  }

  /** The end of the input: a name or word at the very end is still a token. */
  end(): void {
    if (this.halted) return;
    if (this.state === State.Name || this.state === State.Word) this.emitToken();
    if (this.state === State.Stream && this.held.length > 0) this.events.streamData(this.held);
  }

  /** One byte outside stream data; answers the index of the next byte to read. */
  private step(b: number, i: number): number {
    switch (this.state) {
      case State.Name:
      case State.Word:
        if (isWhitespace(b) || isDelimiter(b)) {
          this.emitToken();
          return i; // the delimiter is read again, at the top level
        }
        if (this.token.length < MAX_TOKEN_BYTES) this.token.push(b);
        return i + 1;
      case State.Comment:
        if (b === 0x0a || b === 0x0d) this.state = State.Top;
        return i + 1;
      case State.String:
        if (this.escaped) this.escaped = false;
        else if (b === 0x5c) this.escaped = true;
        else if (b === 0x28) this.depth++;
        else if (b === 0x29 && --this.depth === 0) this.emit({ type: 'string' }, State.Top);
        return i + 1;
      case State.HexString:
        if (b === 0x3e) this.emit({ type: 'string' }, State.Top);
        return i + 1;
      case State.AfterLt:
        if (b === 0x3c) {
          this.emit({ type: 'open-dict' }, State.Top);
          return i + 1;
        }
        this.state = State.HexString;
        return i;
      case State.AfterGt:
        this.state = State.Top;
        if (b === 0x3e) {
          this.emit({ type: 'close-dict' }, State.Top);
          return i + 1;
        }
        return i;
      case State.StreamStart:
        // Like a reader, the rest of the keyword's line is skipped: up to LF, CR LF, or a lone CR.
        if (b === 0x0a || (this.afterCr && b !== 0x0d)) {
          this.afterCr = false;
          this.state = State.Stream;
          return b === 0x0a ? i + 1 : i;
        }
        this.afterCr = b === 0x0d;
        return i + 1;
      default:
        return this.top(b, i);
    }
  }

  private top(b: number, i: number): number {
    if (isWhitespace(b)) return i + 1;
    switch (b) {
      case 0x25:
        this.state = State.Comment;
        break;
      case 0x28:
        this.state = State.String;
        this.depth = 1;
        break;
      case 0x3c:
        this.state = State.AfterLt;
        break;
      case 0x3e:
        this.state = State.AfterGt;
        break;
      case 0x5b:
        this.events.token({ type: 'open-array' });
        break;
      case 0x5d:
        this.events.token({ type: 'close-array' });
        break;
      case 0x2f:
        this.state = State.Name;
        this.token = [];
        break;
      case 0x29:
      case 0x7b:
      case 0x7d:
        break; // a stray `)`, or a PostScript function's braces: nothing to read
      default:
        this.state = State.Word;
        this.token = [b];
    }
    return i + 1;
  }

  private emitToken(): void {
    if (this.state === State.Name) {
      this.emit({ type: 'name', value: decodeName(this.token) }, State.Top);
      return;
    }
    const value = String.fromCharCode(...this.token);
    this.emit({ type: 'word', value }, State.Top);
    if (value === 'stream' && this.streams) this.state = State.StreamStart;
  }

  private emit(token: PdfToken, next: State): void {
    this.state = next;
    this.events.token(token);
  }

  /**
   * Stream data from `i`, up to the first `endstream` (the shortest a reader could take it to be, so nothing a
   * reader parses as objects is skipped). Answers the index after the keyword, or the chunk's end.
   */
  private streamBytes(chunk: Uint8Array, i: number): number {
    const rest = Buffer.from(chunk.buffer, chunk.byteOffset + i, chunk.length - i);
    // A keyword split across chunks: the held bytes and the first of these.
    const seam = Buffer.concat([this.held, rest.subarray(0, ENDSTREAM.length - 1)]);
    const across = seam.indexOf(ENDSTREAM);
    if (across !== -1 && across < this.held.length) {
      this.events.streamData(this.held.subarray(0, across));
      return this.finishStream(i + across + ENDSTREAM.length - this.held.length);
    }
    const found = rest.indexOf(ENDSTREAM);
    if (found !== -1) {
      this.events.streamData(this.held);
      this.events.streamData(rest.subarray(0, found));
      return this.finishStream(i + found + ENDSTREAM.length);
    }
    const data = rest.length >= ENDSTREAM.length ? rest : Buffer.concat([this.held, rest]);
    if (data === rest) this.events.streamData(this.held);
    const keep = Math.min(ENDSTREAM.length - 1, data.length);
    this.events.streamData(data.subarray(0, data.length - keep));
    this.held = Uint8Array.from(data.subarray(data.length - keep));
    return chunk.length;
  }

  private finishStream(next: number): number {
    this.held = new Uint8Array();
    this.state = State.Top;
    this.events.streamEnd();
    return next;
  }
}

/** A name's `#xx` escapes decoded (`/J#61vaScript` is `/JavaScript`); a `#` without two hex digits stays. */
export function decodeName(bytes: readonly number[]): string {
  let name = '';
  for (let i = 0; i < bytes.length; i++) {
    const hex = bytes[i] === 0x23 ? String.fromCharCode(bytes[i + 1] ?? 0, bytes[i + 2] ?? 0) : '';
    if (/^[0-9a-f]{2}$/i.test(hex)) {
      name += String.fromCharCode(parseInt(hex, 16));
      i += 2;
    } else {
      name += String.fromCharCode(bytes[i]!);
    }
  }
  return name;
}
