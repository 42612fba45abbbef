// An incremental server-sent-events parser, after the WHATWG "event stream interpretation": lines end
// in LF, CRLF or CR; chunks may split anything (a line, a CRLF pair, a field name); a blank line
// dispatches; ":" lines are comments; an unknown field is ignored. One event's size is capped, so a
// server that never ends a line cannot grow memory without bound.

export interface SseEvent {
  /** The `event:` field, or 'message' when none was given. */
  readonly event: string;
  /** The `data:` lines joined with "\n". */
  readonly data: string;
  /** The last `id:` seen so far in the stream, if any. */
  readonly id?: string;
}

export class SseEventTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`one server-sent event exceeds ${limit} characters`);
    this.name = 'SseEventTooLarge';
  }
}

export const DEFAULT_MAX_EVENT_CHARS = 256 * 1024;

export class SseParser {
  readonly #maxEventChars: number;
  /** The unfinished line, in pieces (joining on every chunk would be quadratic on a long line). */
  #line: string[] = [];
  #lineChars = 0;
  #data: string[] = [];
  #dataChars = 0;
  #event = '';
  #id: string | undefined;
  /** The previous chunk ended in CR: an LF opening the next chunk belongs to it. */
  #afterCr = false;
  #started = false;
  #comments = 0;

  constructor(options: { readonly maxEventChars?: number } = {}) {
    this.#maxEventChars = options.maxEventChars ?? DEFAULT_MAX_EVENT_CHARS;
  }

  /** Comment lines seen so far (keep-alives such as ": ping"). */
  get comments(): number {
    return this.#comments;
  }

  /** Feeds the next piece of the stream; returns the events it completed. Throws SseEventTooLarge. */
  push(chunk: string): SseEvent[] {
    let text = chunk;
    if (!this.#started && text !== '') {
      this.#started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    const events: SseEvent[] = [];
    let start = 0;
    if (this.#afterCr && text.startsWith('\n')) start = 1;
    if (text !== '') this.#afterCr = false;
    const ends = /\r\n|\r|\n/g;
    ends.lastIndex = start;
    for (let match = ends.exec(text); match; match = ends.exec(text)) {
      this.#appendToLine(text.slice(start, match.index));
      start = match.index + match[0].length;
      // A CR at the very end may be the first half of a CRLF split across chunks.
      if (match[0] === '\r' && start === text.length) this.#afterCr = true;
      const line = this.#line.length === 1 ? this.#line[0]! : this.#line.join('');
      this.#line = [];
      this.#lineChars = 0;
      const event = this.#processLine(line);
      if (event) events.push(event);
    }
    this.#appendToLine(text.slice(start));
    return events;
  }

  /**
   * The stream ended. Returns true when it stopped inside an event (data without the blank line that
   * dispatches it): the spec drops that event, and a reader may want to know the stream was cut.
   */
  end(): { readonly unfinished: boolean } {
    const unfinished = this.#lineChars > 0 || this.#data.length > 0;
    this.#line = [];
    this.#lineChars = 0;
    this.#data = [];
    this.#dataChars = 0;
    this.#event = '';
    return { unfinished };
  }

  #appendToLine(piece: string): void {
    if (piece === '') return;
    this.#lineChars += piece.length;
    if (this.#lineChars + this.#dataChars > this.#maxEventChars) throw new SseEventTooLarge(this.#maxEventChars);
    this.#line.push(piece);
  }

  #processLine(line: string): SseEvent | undefined {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) {
      this.#comments++;
      return undefined;
    }
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.#data.push(value);
        this.#dataChars += value.length + 1;
        break;
      case 'event':
        this.#event = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.#id = value;
        break;
      default:
        // 'retry' and unknown fields: nothing a one-shot reader needs.
        break;
    }
    return undefined;
  }

  #dispatch(): SseEvent | undefined {
    const hasData = this.#data.length > 0;
    const event: SseEvent = {
      event: this.#event || 'message',
      data: this.#data.join('\n'),
      ...(this.#id !== undefined ? { id: this.#id } : {}),
    };
    this.#data = [];
    this.#dataChars = 0;
    this.#event = '';
    return hasData ? event : undefined;
  }
}
