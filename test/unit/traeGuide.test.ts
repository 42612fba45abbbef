import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeEndpoint } from '../../src/core/endpoint';
import { renderMsg } from '../../src/core/messages';
import { buildTraeGuide, displayNameFor, guideAsText, TRAE_LABELS } from '../../src/core/traeGuide';

const endpoint = analyzeEndpoint('https://codex-pooler.example.com/v1', false).endpoint!;
const fullEndpoint = analyzeEndpoint('https://codex-pooler.example.com/v1/chat/completions', true).endpoint!;
const gpt = { id: 'gpt-5.5', displayName: 'GPT-5.5', supportsImages: true, contextLength: 258400 };
const mini = { id: 'gpt-5.4-mini', displayName: 'GPT-5.4 Mini', supportsImages: false };
const zh = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;

describe('Trae guide data', () => {
  it('has the eleven fields of the seed page, in order, with its values', () => {
    const guide = buildTraeGuide({ endpoint, model: gpt, language: 'en' });
    assert.deepEqual(
      guide.fields.map((f) => [f.label, f.value]),
      [
        ['API format', 'OpenAI Chat Completions'],
        ['Custom Request URL', 'https://codex-pooler.example.com/v1'],
        ['Full URL', 'Off'],
        ['Model ID', 'gpt-5.5'],
        ['Multimodal', 'On'],
        ['API key', ''],
        ['Model Series', 'Default'],
        ['Display Name', 'GPT-5.5 via Codex Pooler'],
        ['Context Window input', '184000'],
        ['Context Window output', '16000'],
        ['Tool Call Rounds', '200'],
      ],
    );
    assert.equal(guide.fields.find((f) => f.id === 'apiKey')?.kind, 'secret');
  });

  it('uses the Trae CN labels from the seed page', () => {
    const guide = buildTraeGuide({ endpoint, model: gpt, language: 'zh-cn' });
    const labels = guide.fields.map((f) => f.label);
    for (const label of ['API 格式', '自定义请求地址', '完整 URL', '模型 ID', 'API 密钥', '模型系列', '显示名称', '上下文窗口 input', '上下文窗口 output', 'Tool Call Rounds']) {
      assert.ok(labels.includes(label), label);
    }
    assert.equal(TRAE_LABELS['zh-cn'].settings, '设置');
    assert.equal(TRAE_LABELS['zh-cn'].models, '模型');
    assert.equal(TRAE_LABELS['zh-cn'].customConfig, '自定义配置');
    const open = guide.steps.find((s) => s.id === 'openModels')!;
    assert.match(renderMsg(open.body, zh), /设置 -> 模型/);
    assert.match(renderMsg(open.body, zh), /自定义配置/);
  });

  it('Multimodal follows the model\'s input_modalities', () => {
    assert.equal(buildTraeGuide({ endpoint, model: mini, language: 'en' }).fields.find((f) => f.id === 'multimodal')?.value, 'Off');
    const unknown = buildTraeGuide({ endpoint, model: { id: 'typed-id' }, language: 'en' }).fields.find((f) => f.id === 'multimodal')!;
    assert.equal(unknown.value, 'Off');
    assert.equal(unknown.note.id, 'guide.field.multimodalUnknown');
  });

  it('with Full URL on, the URL is the full chat URL and the switch says On', () => {
    const guide = buildTraeGuide({ endpoint: fullEndpoint, model: gpt, language: 'en' });
    assert.equal(guide.fields.find((f) => f.id === 'requestUrl')?.value, 'https://codex-pooler.example.com/v1/chat/completions');
    assert.equal(guide.fields.find((f) => f.id === 'fullUrl')?.value, 'On');
  });

  it('the Trae URL is canonical even when the setting had a trailing slash', () => {
    const slashy = analyzeEndpoint('https://codex-pooler.example.com/v1/', false).endpoint!;
    assert.equal(buildTraeGuide({ endpoint: slashy, model: gpt, language: 'en' }).fields[1]!.value, 'https://codex-pooler.example.com/v1');
  });

  it('walks sign-in, the Models screen, the fields, saving and the model picker with Auto Mode off', () => {
    const guide = buildTraeGuide({ endpoint, model: gpt, language: 'en' });
    assert.deepEqual(guide.steps.map((s) => s.id), ['signIn', 'openModels', 'fillFields', 'save', 'openPicker', 'autoModeOff', 'selectModel', 'sendTest']);
    assert.match(renderMsg(guide.steps[1]!.body), /Settings -> Models/);
    assert.match(renderMsg(guide.steps[6]!.body), /GPT-5\.5 via Codex Pooler.*Custom Models/);
    assert.match(renderMsg(guide.steps[7]!.body), /Reply with exactly: trae ok/);
  });

  it('explains Trae\'s own errors with the values to fix them', () => {
    const guide = buildTraeGuide({ endpoint, model: gpt, language: 'en' });
    assert.deepEqual(guide.traeErrors.map((e) => e.shown), ['404 The API does not exist', '984 Incorrect Model Name']);
    assert.match(renderMsg(guide.traeErrors[0]!.fix), /https:\/\/codex-pooler\.example\.com\/v1.*Off/);
    assert.match(renderMsg(guide.traeErrors[1]!.fix), /gpt-5\.5/);
  });

  it('the text checklist has every field and never the key', () => {
    const guide = buildTraeGuide({ endpoint, model: gpt, language: 'zh-cn' });
    const text = guideAsText(guide, (m) => renderMsg(m, zh), '<Pool API key>');
    for (const f of guide.fields) assert.ok(text.includes(`${f.label}: `), f.label);
    assert.ok(text.includes('API 密钥: <Pool API key>'));
    assert.ok(text.includes('404 The API does not exist'));
  });

  it('display names fall back to the id', () => {
    assert.equal(displayNameFor({ id: 'gpt-5.5' }), 'gpt-5.5 via Codex Pooler');
    assert.equal(displayNameFor({ id: 'x', displayName: '  ', supportsImages: false }), 'x via Codex Pooler');
  });
});
