// The server-sent-events parser: the spec's line rules, the size cap, and (property) that no split of
// a stream into chunks changes the events it yields.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { SseEventTooLarge, SseParser, type SseEvent } from '../../src/core/http/sse';

// The seed is the suite-wide one that properties.test.ts sets (fixed for npm test, new for npm run fuzz).
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 3000);

function parseChunks(chunks: readonly string[], maxEventChars?: number): { events: SseEvent[]; unfinished: boolean } {
  const parser = new SseParser(maxEventChars === undefined ? {} : { maxEventChars });
  const events = chunks.flatMap((chunk) => parser.push(chunk));
  return { events, unfinished: parser.end().unfinished };
}

function splitAt(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
  const pieces: string[] = [];
  let from = 0;
  for (const point of points) {
    pieces.push(text.slice(from, point));
    from = point;
  }
  pieces.push(text.slice(from));
  return pieces;
}

describe('server-sent events parser', () => {
  it('reads data frames ended by LF, CRLF or CR alike', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const { events } = parseChunks([`data: {"a":1}${eol}${eol}data: [DONE]${eol}${eol}`]);
      assert.deepEqual(
        events,
        [
          { event: 'message', data: '{"a":1}' },
          { event: 'message', data: '[DONE]' },
        ],
        JSON.stringify(eol),
      );
    }
  });

  it('joins multi-line data, keeps event names and ids, skips comments and unknown fields', () => {
    const parser = new SseParser();
    const events = parser.push(
      ': keep-alive\nretry: 10\nid: 7\nevent: error\ndata: line one\ndata:line two\ndata\nfoo: bar\n\ndata: next\n\n',
    );
    assert.deepEqual(events, [
      { event: 'error', data: 'line one\nline two\n', id: '7' },
      { event: 'message', data: 'next', id: '7' },
    ]);
    assert.equal(parser.comments, 1);
  });

  it('strips exactly one space after the colon, and a byte order mark at the start', () => {
    assert.deepEqual(parseChunks(['\ufeffdata:  two spaces\n\n']).events, [{ event: 'message', data: ' two spaces' }]);
  });

  it('a blank line without data dispatches nothing', () => {
    assert.deepEqual(parseChunks(['\n\nevent: x\n\n: c\n\n']).events, []);
  });

  it('a CRLF split between two chunks is one line end, not two', () => {
    assert.deepEqual(parseChunks(['data: a\r', '\n', 'data: b\r', '\n\r\n']).events, [
      { event: 'message', data: 'a\nb' },
    ]);
    // Unsplit, "\r\r\n" is two line ends (CR, then CRLF): a blank line, so an event.
    assert.deepEqual(parseChunks(['data: a\r', '\r\n']).events, [{ event: 'message', data: 'a' }]);
  });

  it('says when the stream ended inside an event', () => {
    assert.deepEqual(parseChunks(['data: {"partial"']), { events: [], unfinished: true });
    assert.deepEqual(parseChunks(['data: whole\n']), { events: [], unfinished: true });
    assert.deepEqual(parseChunks(['data: whole\n\n']).unfinished, false);
  });

  it('caps one event, however its pieces arrive, but not a long stream of small events', () => {
    const parser = new SseParser({ maxEventChars: 1000 });
    parser.push('data: ');
    assert.throws(() => {
      for (let i = 0; i < 200; i++) parser.push('xxxxxxxxxx');
    }, SseEventTooLarge);
    assert.throws(
      () => parseChunks([Array.from({ length: 300 }, () => 'data: abc\n').join('')], 1000),
      SseEventTooLarge,
    );
    const many = parseChunks([Array.from({ length: 500 }, (_, i) => `data: ${i}\n\n`).join('')], 1000);
    assert.equal(many.events.length, 500);
  });

  it('a long line in many chunks is read in linear time', () => {
    const parser = new SseParser({ maxEventChars: 4_000_000 });
    const started = performance.now();
    parser.push('data: ');
    for (let i = 0; i < 200_000; i++) parser.push('abcdefghij');
    const events = parser.push('\n\n');
    assert.equal(events[0]!.data.length, 2_000_000);
    assert.ok(performance.now() - started < 2000, `${Math.round(performance.now() - started)} ms`);
  });

  describe(`properties (${RUNS} runs each)`, () => {
    const fieldText = fc.string({
      unit: fc.constantFrom('a', 'b', ' ', ':', '{', '"', '你', '\u202e', '\t', 'd'),
      maxLength: 12,
    });
    const event = fc.record({
      name: fc.option(fc.string({ unit: fc.constantFrom('a', 'b', 'x'), minLength: 1, maxLength: 5 }), {
        nil: undefined,
      }),
      lines: fc.array(fieldText, { minLength: 1, maxLength: 4 }),
      comment: fc.boolean(),
    });

    it('a well-formed stream yields exactly its events, in any chunking, with any line end', () => {
      fc.assert(
        fc.property(
          fc.array(event, { maxLength: 8 }),
          fc.constantFrom('\n', '\r\n', '\r'),
          fc.array(fc.nat(), { maxLength: 12 }),
          (events, eol, cuts) => {
            const text = events
              .map(
                (e) =>
                  `${e.comment ? `: note${eol}` : ''}${e.name ? `event: ${e.name}${eol}` : ''}${e.lines.map((l) => `data: ${l}${eol}`).join('')}${eol}`,
              )
              .join('');
            const expected = events.map((e) => ({ event: e.name ?? 'message', data: e.lines.join('\n') }));
            assert.deepEqual(parseChunks(splitAt(text, cuts)), { events: expected, unfinished: false });
          },
        ),
        { numRuns: RUNS },
      );
    });

    it('any text, split anywhere, parses as it does in one piece', () => {
      const piece = fc.constantFrom(
        'data',
        'event',
        'id',
        ':',
        ' ',
        'x',
        '[DONE]',
        '\r',
        '\n',
        '\r\n',
        '\ufeff',
        '\0',
        'ü',
      );
      fc.assert(
        fc.property(
          fc.array(piece, { maxLength: 40 }),
          fc.array(fc.nat(), { maxLength: 12 }),
          fc.integer({ min: 5, max: 60 }),
          (pieces, cuts, cap) => {
            const text = pieces.join('');
            const outcome = (chunks: string[]) => {
              try {
                return parseChunks(chunks, cap);
              } catch (error) {
                assert.ok(error instanceof SseEventTooLarge);
                return 'too large';
              }
            };
            assert.deepEqual(outcome(splitAt(text, cuts)), outcome([text]));
          },
        ),
        { numRuns: RUNS },
      );
    });
  });
});
