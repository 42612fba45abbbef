import * as assert from 'node:assert/strict';
import { renderMsg } from '../../src/core/text/messages';
import {
  contextWindowFor,
  displayNameFor,
  EXAMPLE_DISPLAY_NAME,
  EXAMPLE_MODEL_ID,
  formatTokens,
  modelName,
  multimodalFor,
  TRAE_DISPLAY_NAME_MAX,
} from '../../src/core/trae/traeValues';

const listed = (id: string, displayName: string, extra: { supportsImages?: boolean; contextLength?: number } = {}) => ({
  id,
  displayName,
  supportsImages: false,
  ...extra,
});

describe('Trae values: Context Window', () => {
  it('keeps 184000 + 16000 when the window takes them', () => {
    for (const contextLength of [258400, 828400, 200000]) {
      const v = contextWindowFor(listed('m', 'M', { contextLength }));
      assert.deepEqual(
        [v.input, v.output, v.fit, v.reason],
        [184000, 16000, 'known', undefined],
        String(contextLength),
      );
    }
    assert.equal(
      renderMsg(contextWindowFor(listed(EXAMPLE_MODEL_ID, 'GPT-5.6 Terra', { contextLength: 258400 })).note),
      'gpt-5.6-terra takes 258,400 tokens; 184,000 + 16,000 fits.',
    );
  });

  it('derives Input from a smaller window, keeping Output 16000, and says why', () => {
    const v = contextWindowFor(listed('gpt-5.4-mini', 'GPT-5.4 Mini', { contextLength: 121600 }));
    assert.deepEqual([v.input, v.output, v.fit], [105600, 16000, 'input']);
    assert.equal(
      renderMsg(v.reason!),
      'gpt-5.4-mini takes 121,600 tokens; 184,000 + 16,000 would not fit, so Input is 105,600.',
    );
    assert.equal(v.reason!.id, 'guide.context.shrunkInput');
    const edge = contextWindowFor(listed('m', 'M', { contextLength: 199999 }));
    assert.deepEqual([edge.input, edge.output], [183999, 16000]);
    const quarter = contextWindowFor(listed('m', 'M', { contextLength: 64000 }));
    assert.deepEqual([quarter.input, quarter.output, quarter.fit], [48000, 16000, 'input']);
  });

  it('shrinks Output too for a small window (a quarter of it)', () => {
    const v = contextWindowFor(listed('small', 'Small', { contextLength: 7782 }));
    assert.deepEqual([v.input, v.output, v.fit], [5837, 1945, 'both']);
    assert.equal(v.input + v.output, 7782);
    assert.match(renderMsg(v.reason!), /small takes only 7,782 tokens.*Output is 1,945.*Input is 5,837/);
  });

  it('Input + Output never exceed the window, for any window', () => {
    for (let w = 2; w < 300000; w += 997) {
      const v = contextWindowFor(listed('m', 'M', { contextLength: w }));
      assert.ok(v.input + v.output <= w && v.output >= 1 && v.input >= 1, String(w));
    }
    assert.deepEqual([contextWindowFor(listed('m', 'M', { contextLength: 121600.9 })).input], [105600]);
  });

  it('uses the defaults with a note when the pool gives no window', () => {
    for (const model of [
      listed('no-window', 'No Window'),
      { id: 'typed-only' },
      listed('m', 'M', { contextLength: Number.NaN }),
      listed('m', 'M', { contextLength: 0 }),
      listed('m', 'M', { contextLength: -5 }),
    ]) {
      const v = contextWindowFor(model);
      assert.deepEqual([v.input, v.output, v.fit, v.reason], [184000, 16000, 'unknown', undefined], model.id);
      assert.equal(v.note.id, 'guide.context.unknown');
    }
    assert.equal(
      renderMsg(contextWindowFor({ id: 'x' }).note),
      'The pool does not give the context window of x, so these are the usual values, 184,000 + 16,000.',
    );
  });

  it('formats token counts with thousands separators', () => {
    assert.deepEqual([0, 999, 1000, 121600, 1000000].map(formatTokens), ['0', '999', '1,000', '121,600', '1,000,000']);
  });
});

describe('Trae values: Display Name (32 characters)', () => {
  it('is the upstream example for GPT-5.6 Terra', () => {
    assert.deepEqual(displayNameFor(listed(EXAMPLE_MODEL_ID, 'GPT-5.6 Terra')), {
      value: EXAMPLE_DISPLAY_NAME,
      shortened: 'none',
    });
  });

  it('shortens step by step: shorter suffix, name alone, name cut with an ellipsis', () => {
    const name15 = 'A'.repeat(15);
    assert.equal(displayNameFor(listed('m', name15)).value, `${name15} via Codex Pooler`); // exactly 32
    const v = displayNameFor(listed('m', 'GPT-5.6 Terra XL'));
    assert.deepEqual([v.value, v.shortened], ['GPT-5.6 Terra XL via Pooler', 'shortSuffix']);
    assert.equal(
      renderMsg(v.reason!),
      '"GPT-5.6 Terra XL via Codex Pooler" has 33 characters, more than Trae\'s 32, so it is shortened to "GPT-5.6 Terra XL via Pooler".',
    );
    const alone = displayNameFor(listed('m', 'A Rather Long Model Display Nam'));
    assert.deepEqual([alone.value, alone.shortened], ['A Rather Long Model Display Nam', 'nameOnly']);
    const cut = displayNameFor(listed('m', 'An Extremely Long Model Display Name Indeed'));
    assert.deepEqual([cut.value, cut.shortened], ['An Extremely Long Model Display…', 'cut']);
    assert.equal(cut.value.length, 32);
  });

  it('every rung of the ladder fits 32 UTF-16 code units', () => {
    for (let n = 1; n <= 60; n++) {
      for (const unit of ['x', '模', '😀']) {
        const v = displayNameFor(listed('m', unit.repeat(n)));
        assert.ok(v.value.length <= TRAE_DISPLAY_NAME_MAX, `${unit} x ${n}: ${v.value.length}`);
        assert.equal(v.shortened === 'none', v.reason === undefined);
      }
    }
  });

  it('counts UTF-16 code units and never splits a surrogate pair', () => {
    // 16 emoji are 32 code units: no suffix fits, the name alone does.
    assert.deepEqual(displayNameFor(listed('m', '😀'.repeat(16))).shortened, 'nameOnly');
    const cut = displayNameFor(listed('m', '😀'.repeat(20))).value;
    assert.equal(cut, `${'😀'.repeat(15)}…`);
    assert.ok(!/[\ud800-\udbff](?![\udc00-\udfff])/.test(cut), 'no lone high surrogate');
  });

  it('falls back to the id and cleans untrusted text', () => {
    assert.equal(displayNameFor({ id: 'gpt-5.5' }).value, 'gpt-5.5 via Codex Pooler');
    assert.equal(displayNameFor(listed('x', '   ')).value, 'x via Codex Pooler');
    assert.equal(modelName(listed('x', ' GPT\n5.6\u0000  Terra ')), 'GPT 5.6 Terra');
  });
});

describe('Trae values: Multimodal and Model ID', () => {
  it('is On only when the pool lists image input', () => {
    assert.deepEqual(multimodalFor(listed('a', 'A', { supportsImages: true })), {
      on: true,
      note: { id: 'guide.field.multimodalOn' },
    });
    assert.deepEqual(multimodalFor(listed('a', 'A', { supportsImages: false })), {
      on: false,
      note: { id: 'guide.field.multimodalOff' },
    });
    assert.deepEqual(multimodalFor({ id: 'typed' }), { on: false, note: { id: 'guide.field.multimodalUnknown' } });
  });
});
