// The set of models a user puts in Trae (src/core/trae/modelSet.ts): main first, one model per id whatever its
// case, at most 20, and each Add Model entry with values fitted to its model and a Display Name that fits and
// tells it apart. The property: any set of up to 20 ids from a hostile list.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ModelInfo } from '../../src/core/pool/poolClient';
import { hasUnsafeCharacters } from '../../src/core/text/inertText';
import { renderMsg } from '../../src/core/text/messages';
import { entriesFor, MAX_MODELS, modelKey, modelSetOf } from '../../src/core/trae/modelSet';
import { FUZZ_RUNS } from './properties.test';
import { MODELS } from './wizardFixtures';

const listed = (id: string, extra: Partial<ModelInfo> = {}): ModelInfo => ({
  id,
  displayName: id,
  supportsImages: false,
  ...extra,
});

describe('the models for Trae (one setup, several Add Model entries)', () => {
  it('keeps the main model first and each model once: ids that differ only in case are one model', () => {
    const set = modelSetOf([' gpt-5.6-terra ', 'gpt-5.4-mini', 'GPT-5.6-TERRA', '', 'Gpt-5.4-Mini', 'gpt-5.5']);
    assert.deepEqual(set, {
      ok: true,
      ids: ['gpt-5.6-terra', 'gpt-5.4-mini', 'gpt-5.5'],
      merged: ['GPT-5.6-TERRA', 'Gpt-5.4-Mini'],
    });
    assert.equal(modelKey(' GPT-5.5 '), modelKey('gpt-5.5'));
  });

  it('refuses a 21st model with a sentence that names it; 20 are fine, and case variants do not count', () => {
    const twenty = Array.from({ length: MAX_MODELS }, (_, i) => `model-${i}`);
    assert.equal(modelSetOf([...twenty, 'MODEL-3']).ok, true);
    const more = modelSetOf([...twenty, 'model-20']);
    assert.equal(more.ok, false);
    if (!more.ok) {
      assert.equal(
        renderMsg(more.reason),
        'Trae gets at most 20 models from one setup, so "model-20" was not added. Remove one first.',
      );
    }
    const long = modelSetOf(['x'.repeat(257)]);
    assert.equal(long.ok, false);
  });

  it('fits each entry to its model: Model ID in the pool spelling, Multimodal from the list, a window that fits', () => {
    const [terra, mini] = entriesFor([MODELS[0]!, MODELS[2]!]);
    assert.equal(terra?.modelId, 'gpt-5.6-terra');
    assert.equal(terra?.multimodal.on, true);
    assert.deepEqual([terra?.context.input, terra?.context.output], [184000, 16000]);
    assert.equal(terra?.displayName.value, 'GPT-5.6 Terra via Codex Pooler');
    assert.equal(mini?.multimodal.on, false);
    assert.deepEqual([mini?.context.input, mini?.context.output], [105600, 16000]);
    assert.equal(mini?.displayName.value, 'GPT-5.4 Mini via Codex Pooler');
  });

  it('tells two models apart whose Display Names would be equal: by the id, then by a number', () => {
    const same = [
      listed('gpt-5.6-terra', { displayName: 'GPT Terra' }),
      listed('gpt-5.6-terra-fast', { displayName: 'GPT Terra' }),
    ];
    const names = entriesFor(same).map((e) => e.displayName.value);
    assert.deepEqual(names, ['gpt-5.6-terra via Codex Pooler', 'gpt-5.6-terra-fast via Pooler']);
    assert.match(renderMsg(entriesFor(same)[0]!.displayName.reason!), /named after its id/);
    // Long ids that share their first 31 characters: the id alone cannot tell them apart.
    const prefix = 'organisation-model-very-long-name';
    const long = [listed(`${prefix}-a`, { displayName: 'X' }), listed(`${prefix}-b`, { displayName: 'X' })];
    const cut = entriesFor(long).map((e) => e.displayName.value);
    assert.equal(new Set(cut.map((n) => n.toLowerCase())).size, 2, cut.join(' | '));
    assert.ok(cut.every((n) => n.length <= 32));
  });

  it(`property: any set of up to 20 ids from a hostile list gives unique Display Names of at most 32 characters, and windows that fit (${FUZZ_RUNS / 10} runs)`, () => {
    // Exactly 32 characters: ids that share it differ only after Trae's box ends.
    const prefix32 = 'organisation-model-family-name-x';
    const hostileBase = fc.constantFrom(
      'gpt-5.5',
      'gpt-5.6-terra',
      'a',
      '😀😀😀',
      '名字',
      // 256 characters, the id cap: alike up to the last one, or cut inside a surrogate pair.
      'x'.repeat(256),
      `${'x'.repeat(255)}y`,
      '😀'.repeat(128),
      `a${'😀'.repeat(127)}b`,
      // Control characters, and nothing but them.
      '\u0000model',
      'gpt\u0007-5',
      'tab\tmodel',
      'line\u2028break',
      '\u001b[31mred',
      '\u0000\u0001',
      // Text-direction marks that reorder what a reader sees.
      '\u202egpt-5.5',
      'gpt\u200f-5.5',
      '\u2066iso\u2069',
      '\u061cx',
      '\u202e',
      // Sharing a 32-character prefix.
      prefix32,
      `${prefix32}-a`,
      `${prefix32}-b`,
      `${prefix32}${'z'.repeat(224)}`,
      `${prefix32.slice(0, 31)}😀`,
    );
    // The same id in another casing: one model, never two entries.
    const recased = (base: string) =>
      fc
        .array(fc.boolean(), { minLength: base.length, maxLength: base.length })
        .map((flips) => [...base].map((c, i) => (flips[i] ? c.toUpperCase() : c.toLowerCase())).join(''));
    const hostileId = fc.oneof(
      hostileBase,
      hostileBase.chain(recased),
      fc.string({ maxLength: 24 }).map((tail) => `${prefix32}${tail}`),
      fc.string({ minLength: 1, maxLength: 60 }),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
      fc.constantFrom(...Array.from({ length: 30 }, (_, i) => `same-prefix-model-with-a-long-name-${i}`)),
    );
    const model = fc.record({
      id: hostileId,
      displayName: fc.oneof(
        fc.constantFrom('Same Name', 'SAME NAME', '\u202eSame Name', 'Name\u0000', prefix32, `${prefix32} Pro`),
        fc.string({ maxLength: 80 }),
        fc.constant(''),
      ),
      supportsImages: fc.boolean(),
      contextLength: fc.option(fc.oneof(fc.integer({ min: 2, max: 2_000_000 }), fc.constant(121_600)), {
        nil: undefined,
      }),
    });
    fc.assert(
      fc.property(fc.array(model, { maxLength: 30 }), (models) => {
        const set = modelSetOf(models.map((m) => m.id));
        if (!set.ok) return;
        const chosen = set.ids.map((id) => models.find((m) => m.id.trim() === id)!);
        const entries = entriesFor(chosen);
        const names = entries.map((e) => e.displayName.value);
        assert.ok(
          names.every((n) => n.length >= 1 && n.length <= 32),
          names.join(' | '),
        );
        assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length, names.join(' | '));
        // One line of text as it reads: no control characters, no text-direction marks, nothing blank at an end.
        assert.ok(
          names.every((n) => !hasUnsafeCharacters(n) && !/[\u2028\u2029]/.test(n)),
          names.join(' | '),
        );
        assert.ok(
          names.every((n) => n.trim() === n),
          names.join(' | '),
        );
        for (const [i, entry] of entries.entries()) {
          const window = chosen[i]!.contextLength;
          const { input, output } = entry.context;
          assert.ok(Number.isInteger(input) && Number.isInteger(output) && input >= 1 && output >= 1);
          if (window !== undefined) assert.ok(input + output <= window, `${input} + ${output} > ${window}`);
          assert.equal(entry.modelId, set.ids[i]);
        }
      }),
      { numRuns: Math.max(100, Math.round(FUZZ_RUNS / 10)) },
    );
  });
});
