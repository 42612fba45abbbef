// Reading one event stream: tool calls assembled from deltas, other choices ignored, caps, odd frames.
import * as assert from 'node:assert/strict';
import { readEventStream } from '../../src/core/check/traeShaped/traeStream';
import { TransportError, type StreamChunk } from '../../src/core/http/transport';
import { makePoolKey } from '../emulator/server';

const key = makePoolKey();

async function* chunks(...texts: string[]): AsyncGenerator<StreamChunk> {
  let at = 0;
  for (const text of texts) yield { text, at: (at += 10) };
}

const frame = (choices: unknown[], extra: object = {}) =>
  `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices, ...extra })}\r\n\r\n`;

describe('reading a chat event stream', () => {
  it('assembles tool calls by index from their deltas, CRLF frames split anywhere', async () => {
    const text = [
      frame([
        {
          index: 0,
          delta: {
            role: 'assistant',
            tool_calls: [
              { index: 0, id: 'call_a', type: 'function', function: { name: 'get_current_time', arguments: '' } },
            ],
          },
        },
      ]),
      frame([
        {
          index: 0,
          delta: {
            tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'other', arguments: '{"x"' } }],
          },
        },
      ]),
      frame([
        {
          index: 0,
          delta: {
            tool_calls: [
              { index: 0, function: { arguments: '{}' } },
              { index: 1, function: { arguments: ':1}' } },
            ],
          },
        },
      ]),
      frame([{ index: 1, delta: { content: 'another choice, not shown' } }]),
      frame([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]),
      'data: [DONE]\r\n\r\n',
    ].join('');
    const pieces = text.match(/[\s\S]{1,7}/g)!;
    const reading = await readEventStream(chunks(...pieces), key);
    assert.deepEqual(reading.toolCalls, [
      { id: 'call_a', name: 'get_current_time', arguments: '{}' },
      { id: 'call_b', name: 'other', arguments: '{"x":1}' },
    ]);
    assert.equal(reading.answer, '');
    assert.equal(reading.finishReason, 'tool_calls');
    assert.equal(reading.done, true);
    assert.equal(reading.dataFrames, 6);
    assert.equal(reading.firstTokenAt, reading.firstFrameAt);
  });

  it('ignores comments (keep-alives) and stops at [DONE]', async () => {
    const reading = await readEventStream(
      chunks(
        ': ping\n\n',
        frame([{ index: 0, delta: { content: 'trae ok' } }]),
        'data: [DONE]\n\n',
        frame([{ index: 0, delta: { content: ' more' } }]),
      ),
      key,
    );
    assert.equal(reading.answer, 'trae ok');
    assert.equal(reading.dataFrames, 2);
  });

  it('an error that is not an envelope still counts as an error frame', async () => {
    const reading = await readEventStream(chunks('data: {"error":"boom"}\n\n'), key);
    assert.deepEqual(reading.errorFrame, {});
    assert.equal(reading.done, false);
  });

  it('one enormous event is a too-large failure, not memory', async () => {
    const reading = await readEventStream(
      chunks('data: ', ...Array.from({ length: 300 }, () => 'x'.repeat(1024))),
      key,
    );
    assert.equal(reading.failure?.reason, 'too-large');
  });

  it('a transport failure mid-stream keeps what arrived and says why it stopped', async () => {
    async function* cut(): AsyncGenerator<StreamChunk> {
      yield { text: frame([{ index: 0, delta: { content: 'tra' } }]), at: 5 };
      throw new TransportError('cut-off', 'body', 'ECONNRESET', 'closed');
    }
    const reading = await readEventStream(cut(), key);
    assert.equal(reading.answer, 'tra');
    assert.equal(reading.failure?.reason, 'cut-off');
    assert.equal(reading.done, false);
  });

  it('a served model name or finish reason out of shape is refused or clipped', async () => {
    const long = await readEventStream(chunks(frame([], { model: 'm'.repeat(257) })), key);
    assert.match(long.badFrame ?? '', /^model: /);
    const reason = await readEventStream(
      chunks(frame([{ index: 0, delta: {}, finish_reason: 'r'.repeat(500) }]), 'data: [DONE]\n\n'),
      key,
    );
    assert.equal(reason.finishReason?.length, 40);
  });
});
