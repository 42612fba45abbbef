import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import catalog from '../../src/core/text/catalog.json';
import { renderMsg } from '../../src/core/text/messages';
import {
  editDistance,
  nearModelIds,
  parseTraeError,
  TRAE_ERRORS,
  traeErrorFact,
  traeErrorHelp,
} from '../../src/core/trae/traeErrors';
import { TRAE_LABELS } from '../../src/core/trae/traeLabels';

const zh = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<
  string,
  string
>;

describe('Trae error codes', () => {
  it('knows 984, 4028, 997, 4054, 2001 and "unknown", with Trae\'s reported words and the check that decides each', () => {
    assert.deepEqual(
      TRAE_ERRORS.map((e) => [e.key, e.shown, e.decidedBy]),
      [
        [984, "Incorrect Model Name, Please Verify It Matches The Provider's Name", 'modelListed'],
        [4028, 'Param Incorrect (Model Provider Error Code: 400)', 'fullAndTraeShaped'],
        [997, '请求服务失败，请检查网络', 'reachability'],
        [4054, 'Model request failed', 'fullAndOperator'],
        [2001, undefined, 'fullAndOperator'],
        ['unknown', undefined, 'fullAndOperator'],
      ],
    );
    assert.equal(traeErrorFact(984).decidedBy, 'modelListed');
  });

  it("explains each in English and Chinese, in our words, with this setup's values", () => {
    const ctx = {
      labels: TRAE_LABELS['zh-cn'],
      modelId: 'gpt-5.6-terra',
      requestUrl: 'https://pool.example.com/v1',
      fullUrl: false,
    };
    for (const fact of TRAE_ERRORS) {
      const help = traeErrorHelp(fact, ctx);
      for (const m of [help.title, help.meaning, help.fix]) {
        assert.ok(zh[(catalog as Record<string, string>)[m.id]!], `${m.id} has a translation`);
        assert.match(renderMsg(m, zh), /[\u4e00-\u9fff]/, `${m.id} renders in Chinese`);
      }
    }
    const help984 = traeErrorHelp(traeErrorFact(984), ctx);
    assert.equal(renderMsg(help984.fix, zh), '请把模型 ID设为与 Pool 列出的完全一致的 gpt-5.6-terra。');
    const en4028 = traeErrorHelp(traeErrorFact(4028), { ...ctx, labels: TRAE_LABELS.en });
    assert.match(
      renderMsg(en4028.fix),
      /Custom Request URL is https:\/\/pool\.example\.com\/v1 with Full URL Off and that API Key is your Pool API key/,
    );
    assert.equal(renderMsg(traeErrorHelp(traeErrorFact(2001), ctx).title), 'Code 2001');
    assert.equal(renderMsg(traeErrorHelp(traeErrorFact('unknown'), ctx).title), 'Another code, or none');
  });

  it('no message quotes the unconfirmed "404 The API does not exist"', () => {
    const all = [...Object.values(catalog), ...Object.keys(zh), ...Object.values(zh)].join('\n');
    assert.ok(!/API does not exist/i.test(all));
  });
});

describe('parseTraeError', () => {
  it("reads Trae's English messages, with or without the code", () => {
    const samples: Array<[string, number]> = [
      ["984 Incorrect Model Name, Please Verify It Matches The Provider's Name", 984],
      ['Incorrect Model Name, Please Verify It Matches The Provider’s Name', 984],
      ['  incorrect   model\n name ', 984],
      ['Error: Param Incorrect (Model Provider Error Code: 400)', 4028],
      ['param incorrect', 4028],
      ['Model Provider Error Code: 401', 4028],
      ['4054 Model request failed', 4054],
      ['Model request failed. Please try again later.', 4054],
      ['Something went wrong (2001)', 2001],
      ['error code: 997', 997],
      ['[4028]', 4028],
    ];
    for (const [text, code] of samples) assert.equal(parseTraeError(text), code, text);
  });

  it('reads Chinese messages and full-width characters', () => {
    const samples: Array<[string, number]> = [
      ['请求服务失败，请检查网络', 997],
      ['添加模型失败：请求服务失败，请检查网络 (997)', 997],
      ['错误码：９８４', 984],
      ['错误码984，请稍后重试', 984],
      ['请检查网络', 997],
      ['模型请求失败 4054', 4054],
    ];
    for (const [text, code] of samples) assert.equal(parseTraeError(text), code, text);
  });

  it('the first code number wins over message text; then the earliest known wording', () => {
    assert.equal(parseTraeError('4028 Param Incorrect, then later: Incorrect Model Name'), 4028);
    assert.equal(parseTraeError('Model request failed; Incorrect Model Name'), 4054);
  });

  it('returns undefined for anything else', () => {
    for (const text of [
      '',
      '   ',
      'Request failed with status 500',
      '1984 was a year',
      '9840',
      '2001-01-01',
      'v4028.1',
      'http://localhost:4054/v1',
      '2001:db8::1',
      'code 400',
      'model-984x',
      '模型名称',
    ]) {
      assert.equal(parseTraeError(text), undefined, text);
    }
    assert.equal(parseTraeError(42 as unknown as string), undefined);
  });

  it('stays fast on a huge paste', () => {
    const started = Date.now();
    assert.equal(parseTraeError(`${'x'.repeat(5_000_000)} 984`), undefined, 'only the start is read');
    assert.equal(parseTraeError(`${'incorrect model '.repeat(1000)}`), undefined);
    assert.ok(Date.now() - started < 500);
  });
});

describe('nearModelIds (for 984)', () => {
  const ids = [
    'gpt-5.6-terra',
    'gpt-5.5',
    'gpt-5.4-mini',
    'GPT-5.6-Terra-Pro',
    'claude-sonnet',
    'o3',
    'gpt-5.6-terra-mini',
  ];

  it('ranks exact, then other case, then small edits, then shared beginnings', () => {
    assert.deepEqual(nearModelIds('gpt-5.6-terra', ids), [
      { id: 'gpt-5.6-terra', match: 'exact' },
      { id: 'GPT-5.6-Terra-Pro', match: 'prefix' },
      { id: 'gpt-5.6-terra-mini', match: 'prefix' },
    ]);
    assert.deepEqual(nearModelIds('GPT-5.5', ids)[0], { id: 'gpt-5.5', match: 'case' });
    assert.deepEqual(nearModelIds('gpt5.6-terra', ids)[0], { id: 'gpt-5.6-terra', match: 'edit' });
    assert.deepEqual(nearModelIds('gpt-5.6-tarre', ids)[0], { id: 'gpt-5.6-terra', match: 'edit' });
    assert.deepEqual(nearModelIds('gpt-5.6', ids), [
      { id: 'gpt-5.5', match: 'edit' },
      { id: 'gpt-5.6-terra', match: 'prefix' },
      { id: 'GPT-5.6-Terra-Pro', match: 'prefix' },
      { id: 'gpt-5.6-terra-mini', match: 'prefix' },
      { id: 'gpt-5.4-mini', match: 'prefix' },
    ]);
    assert.deepEqual(nearModelIds('gpt-5.6-terra-2026-07-01-preview', ids)[0], {
      id: 'gpt-5.6-terra',
      match: 'prefix',
    });
    assert.deepEqual(nearModelIds('o4', ids), [{ id: 'o3', match: 'edit' }]);
  });

  it('orders edits by distance and caps the list', () => {
    const near = nearModelIds('gpt-5.6', ['gpt-5.6-terra', 'gpt-5.8', 'gpt-5.66', 'gpt-5.6x', 'gpt-4.1']);
    assert.deepEqual(
      near.map((n) => n.id),
      ['gpt-5.66', 'gpt-5.6x', 'gpt-5.8', 'gpt-4.1', 'gpt-5.6-terra'],
    );
    assert.equal(
      nearModelIds(
        'gpt',
        Array.from({ length: 50 }, (_, i) => `gpt-${i}`),
      ).length,
      5,
    );
    assert.equal(
      nearModelIds(
        'gpt',
        Array.from({ length: 50 }, (_, i) => `gpt-${i}`),
        2,
      ).length,
      2,
    );
  });

  it('finds nothing for unrelated, empty or absurd input', () => {
    assert.deepEqual(nearModelIds('llama-3', ids), []);
    assert.deepEqual(nearModelIds('  ', ids), []);
    assert.deepEqual(nearModelIds('x'.repeat(300), ids), []);
    assert.deepEqual(nearModelIds('gpt-5.5', ['gpt-5.5', 'gpt-5.5', 'y'.repeat(5000)]), [
      { id: 'gpt-5.5', match: 'exact' },
    ]);
  });

  it('stays fast on a long list', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `model-${i}-${'z'.repeat(i % 200)}`);
    const started = Date.now();
    nearModelIds('model-42-zzzz', many);
    nearModelIds('q'.repeat(256), many);
    assert.ok(Date.now() - started < 1000);
  });

  it('edit distance counts a swap of neighbours as one edit and stops early', () => {
    assert.equal(editDistance('terra', 'tera', 3), 1);
    assert.equal(editDistance('terra', 'tetra', 3), 1);
    assert.equal(editDistance('ab', 'ba', 3), 1);
    assert.equal(editDistance('abcdef', 'uvwxyz', 2), 3);
    assert.equal(editDistance('a', 'abcdefgh', 2), 3);
  });
});
