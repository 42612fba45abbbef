// One malformed entry in GET /v1/models must not fail the whole pool, and nothing a pool names a model
// may reorder or hide what the user reads.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { healthOfReport } from '../../src/core/check/checkReport';
import { clampText, hasUnsafeCharacters, inertText } from '../../src/core/text/inertText';
import { renderMsg } from '../../src/core/text/messages';
import { MAX_MODELS, readModelList } from '../../src/core/pool/modelList';
import { MAX_MODELS_BODY } from '../../src/core/pool/poolClient';
import { formatReport } from '../../src/core/check/reportText';
import { applyScenario } from '../emulator/server';
import { clientFor, endpointOf, runCheck, useEmulator } from './helpers';

const UNSAFE = [
  '\u0000',
  '\u0007',
  '\u001b',
  '\u001f',
  '\u007f',
  '\u0080',
  '\u0085',
  '\u009f',
  '\u061c',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
];

describe('security: model names are inert text', () => {
  it('inertText replaces C0, DEL, C1 and every bidi formatting control with U+FFFD', () => {
    for (const c of UNSAFE) {
      assert.equal(inertText(`a${c}b`), 'a\ufffdb', JSON.stringify(c));
      assert.equal(hasUnsafeCharacters(`a${c}b`), true, JSON.stringify(c));
    }
  });

  it('leaves ordinary text alone: markup stays text, CJK, emoji and joiners are kept', () => {
    for (const text of [
      '<img src=x onerror=alert(1)>',
      'GPT-5.6 Terra',
      '通义千问 模型',
      'family 👨‍👩‍👧',
      'a\u00a0b',
      'مرحبا',
    ]) {
      assert.equal(inertText(text), text);
      assert.equal(hasUnsafeCharacters(text), false);
    }
  });

  it('never leaves an unsafe character and never changes the length (property)', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(fc.constantFrom(...UNSAFE), fc.constantFrom('a', 'é', '例', '<', ' ')),
          maxLength: 60,
        }),
        (text) => {
          const out = inertText(text);
          assert.equal(hasUnsafeCharacters(out), false);
          assert.equal(out.length, text.length);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('clampText cuts with an ellipsis and never splits a surrogate pair', () => {
    assert.equal(clampText('abc', 3), 'abc');
    assert.equal(clampText('abcd', 3), 'ab…');
    assert.equal(clampText('a😀b', 3), 'a…');
  });
});

describe('security: a hostile model list (entry by entry)', () => {
  const ctx = useEmulator();
  const clean = (s: string) => s;

  it('a thousand models, odd names and unusable entries: the chosen model is found and the check stays ok', async () => {
    applyScenario(ctx.emulator, 'hostile-models');
    const report = await runCheck(ctx.emulator, { mode: 'background' });
    assert.equal(report.verdict, 'ok', report.diagnoses.map((d) => d.code).join(', '));
    assert.equal(healthOfReport(report), 'ok');
    assert.deepEqual(report.facts.chosenModel, {
      id: 'gpt-5.5',
      displayName: 'GPT-5.5',
      supportsImages: true,
      contextLength: 258400,
      supportsTools: true,
    });
    const models = report.facts.models!;
    assert.equal(models.length, 3 + 1000 + 6);
    const byId = new Map(models.map((m) => [m.id, m]));
    assert.equal(
      byId.get('html-name')?.displayName,
      '<img src=x onerror=alert(1)>',
      'markup is kept as text, for a text-only renderer',
    );
    assert.equal(byId.get('rtl-name')?.displayName, '\ufffdgnp.exe');
    assert.equal(
      byId.get('control-name')?.displayName,
      'bell\ufffd escape\ufffd[31m del\ufffd c1\ufffd isolate\ufffdx\ufffd',
    );
    assert.equal(byId.get('long-name')?.displayName, 'N'.repeat(255) + '…');
    assert.deepEqual(byId.get('wrong-types'), { id: 'wrong-types', displayName: 'wrong-types', supportsImages: false });
    for (const m of models) assert.ok(!hasUnsafeCharacters(m.id) && !hasUnsafeCharacters(m.displayName), m.id);

    const skipped = report.facts.modelsSkipped!.map((s) => [s.reason, s.id]);
    assert.deepEqual(skipped, [
      ['id-too-long', 'x'.repeat(63) + '…'],
      ['id-missing', undefined],
      ['id-missing', undefined],
      ['id-missing', undefined],
      ['id-not-text', '42'],
      ['id-unsafe-characters', 'gpt-5.5\ufffd'],
      ['id-unsafe-characters', 'evil\ufffdid'],
      ['duplicate-id', 'GPT-5.5'],
      ['not-an-object', undefined],
      ['not-an-object', undefined],
      ['not-an-object', undefined],
    ]);
    assert.equal(report.facts.modelsSkipped![0]!.index, 3 + 1000 + 5);
  });

  it('says what was skipped, one info line per reason, in English and Chinese', async () => {
    applyScenario(ctx.emulator, 'hostile-models');
    const report = await runCheck(ctx.emulator, { mode: 'background' });
    const skipped = report.diagnoses.filter((d) => d.code === 'models-skipped');
    assert.ok(skipped.every((d) => d.severity === 'info' && d.step === 'models' && d.action === 'none'));
    assert.deepEqual(
      skipped.map((d) => renderMsg(d.cause)),
      [
        "Skipped 1 of the pool's models: id too long (over 256 characters).",
        "Skipped 3 of the pool's models: no id.",
        "Skipped 1 of the pool's models: the id is not text.",
        "Skipped 2 of the pool's models: the id contains control or text-direction characters.",
        "Skipped 1 of the pool's models: the same id is listed twice (ids match ignoring case).",
        "Skipped 3 entries of the pool's model list: they are not model objects.",
      ],
    );
    const zh = JSON.parse(
      fs.readFileSync(path.join(__dirname, '../../../l10n/bundle.l10n.zh-cn.json'), 'utf8'),
    ) as Record<string, string>;
    assert.equal(renderMsg(skipped[0]!.cause, zh), '已跳过池中的 1 个模型：id 过长（超过 256 个字符）。');
    assert.match(
      formatReport(report, (m) => renderMsg(m)),
      /Models skipped \(11\): #1008 id-too-long "x{63}…"/,
    );
  });

  it(`reads at most ${MAX_MODELS} entries and says how many more were left out`, async () => {
    ctx.emulator.models = [];
    ctx.emulator.extraEntries = Array.from({ length: MAX_MODELS + 7 }, (_, i) => ({ id: `m-${i}` }));
    const report = await runCheck(ctx.emulator, { mode: 'background', model: 'm-4999' });
    assert.equal(report.verdict, 'ok');
    assert.equal(report.facts.models?.length, MAX_MODELS);
    assert.equal(report.facts.modelsTruncated, 7);
    const truncated = report.diagnoses.find((d) => d.cause.id === 'diag.modelsTruncated.cause');
    assert.equal(
      renderMsg(truncated!.cause),
      `The pool lists more than ${MAX_MODELS} models; only the first ${MAX_MODELS} were read, 7 were left out.`,
    );
    assert.equal(truncated!.severity, 'info');
  });

  it('the envelope is still checked: no data array is not a model list', async () => {
    for (const envelope of [{ result: 'ok' }, { data: 'x' }, { data: { id: 'gpt-5.5' } }, [{ id: 'gpt-5.5' }]]) {
      const transport = async () => ({
        status: 200,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(envelope),
      });
      const result = await clientFor(2000, transport).listModels({
        endpoint: endpointOf('http://localhost:4000/v1'),
        key: ctx.emulator.key,
      });
      assert.ok(
        !result.ok && result.failure.kind === 'invalid' && result.failure.body === 'json',
        JSON.stringify(envelope),
      );
    }
    assert.deepEqual(readModelList({ data: [] }, clean), { models: [], skipped: [], truncated: 0 });
  });

  it(`a model list up to ${MAX_MODELS_BODY / 2 ** 20} MiB is read whole`, async () => {
    assert.equal(MAX_MODELS_BODY, 4 * 1024 * 1024);
    ctx.emulator.extraEntries = Array.from({ length: 4000 }, (_, i) => ({
      id: `big-${i}`,
      display_name: 'D'.repeat(700),
    }));
    const result = await clientFor(5000).listModels({
      endpoint: endpointOf(ctx.emulator.apiBase),
      key: ctx.emulator.key,
    });
    assert.ok(result.ok, !result.ok ? JSON.stringify(result.failure) : '');
    assert.equal(result.value.models.length, 4003);
    assert.ok(result.value.models.every((m) => m.displayName.length <= 256));
  });

  it('a model id is kept as the pool sends it (the pool matches ids as sent, ignoring case)', () => {
    const listing = readModelList({ data: [{ id: ' Gpt-5.5 ' }, { id: 'gpt-5.5' }, { id: 'a'.repeat(256) }] }, clean);
    assert.deepEqual(
      listing.models.map((m) => m.id),
      [' Gpt-5.5 ', 'a'.repeat(256)],
    );
    assert.deepEqual(listing.skipped, [{ index: 1, reason: 'duplicate-id', id: 'gpt-5.5' }]);
  });
});
