import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeEndpoint } from '../../src/core/url/endpoint';
import { renderMsg, type Msg } from '../../src/core/text/messages';
import { buildTraeGuide, TRAE_LABELS, type TraeGuide } from '../../src/core/trae/traeGuide';
import { dialogFields, guideAsText } from '../../src/core/trae/guideText';
import { EXAMPLE_DISPLAY_NAME, EXAMPLE_MODEL_ID } from '../../src/core/trae/traeValues';

const endpoint = analyzeEndpoint('https://codex-pooler.example.com/v1', false).endpoint!;
const fullEndpoint = analyzeEndpoint('https://codex-pooler.example.com/v1/chat/completions', true).endpoint!;
const terra = { id: EXAMPLE_MODEL_ID, displayName: 'GPT-5.6 Terra', supportsImages: true, contextLength: 258400 };
const mini = { id: 'gpt-5.4-mini', displayName: 'GPT-5.4 Mini', supportsImages: false, contextLength: 121600 };
const zh = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<
  string,
  string
>;
const en = (m: Msg) => renderMsg(m);
const cn = (m: Msg) => renderMsg(m, zh);
const fieldOf = (guide: TraeGuide, id: string) => dialogFields(guide.dialog).find((f) => f.id === id)!;

describe('Trae guide: the Add Model dialog as data', () => {
  it("has Trae's rows in order, with Trae's exact English labels (trae-ui-facts.md)", () => {
    const { dialog } = buildTraeGuide({ endpoint, model: terra, language: 'en' });
    assert.deepEqual(
      dialog.tabs.map((t) => [t.label, t.chosen]),
      [
        ['Model Provider', false],
        ['Custom Config', true],
      ],
    );
    // Required (red asterisk): API Format; Custom Request URL + Full URL; Model ID + Multimodal; API Key.
    assert.deepEqual(
      dialog.required.map((r) => [r.layout, r.fields.map((f) => [f.id, f.label, f.kind])]),
      [
        ['single', [['apiFormat', 'API Format', 'dropdown']]],
        [
          'withSwitch',
          [
            ['requestUrl', 'Custom Request URL', 'text'],
            ['fullUrl', 'Full URL', 'switch'],
          ],
        ],
        [
          'withSwitch',
          [
            ['modelId', 'Model ID', 'text'],
            ['multimodal', 'Multimodal', 'switch'],
          ],
        ],
        ['single', [['apiKey', 'API Key', 'secret']]],
      ],
    );
    assert.equal(dialog.advanced.label, 'Advanced Settings');
    assert.equal(dialog.advanced.collapsedByDefault, true);
    assert.deepEqual(
      dialog.advanced.rows.map((r) => [
        r.layout,
        r.layout === 'pair' ? r.label : '',
        r.fields.map((f) => [f.id, f.label, f.kind]),
      ]),
      [
        ['single', '', [['modelSeries', 'Model Series', 'dropdown']]],
        ['single', '', [['displayName', 'Display Name', 'text']]],
        [
          'pair',
          'Context Window',
          [
            ['contextInput', 'Input', 'number'],
            ['contextOutput', 'Output', 'number'],
          ],
        ],
        ['single', '', [['toolCallRounds', 'Tool Call Rounds', 'number']]],
      ],
    );
    assert.equal(dialog.addButton, 'Add Model');
    assert.equal(
      fieldOf(buildTraeGuide({ endpoint, model: terra, language: 'en' }), 'contextInput').title,
      'Context Window Input',
    );
  });

  it('fills in the upstream example values for gpt-5.6-terra', () => {
    const guide = buildTraeGuide({ endpoint, model: terra, language: 'en' });
    assert.deepEqual(
      dialogFields(guide.dialog).map((f) => [f.id, f.value, f.on]),
      [
        ['apiFormat', 'OpenAI Chat Completions', undefined],
        ['requestUrl', 'https://codex-pooler.example.com/v1', undefined],
        ['fullUrl', 'Off', false],
        ['modelId', 'gpt-5.6-terra', undefined],
        ['multimodal', 'On', true],
        ['apiKey', '', undefined],
        ['modelSeries', 'Default', undefined],
        ['displayName', EXAMPLE_DISPLAY_NAME, undefined],
        ['contextInput', '184000', undefined],
        ['contextOutput', '16000', undefined],
        ['toolCallRounds', '200', undefined],
      ],
    );
    assert.equal(fieldOf(guide, 'displayName').maxLength, 32);
    assert.ok(
      dialogFields(guide.dialog).every((f) => f.reason === undefined),
      'nothing adapted for this model',
    );
  });

  it('the ways in: Settings -> Models -> + Add Model, and Add Model at the bottom of the model picker', () => {
    const { dialog } = buildTraeGuide({ endpoint, model: terra, language: 'en' });
    assert.deepEqual(
      dialog.waysIn.map((w) => [w.id, w.path]),
      [
        ['settings', ['Settings', 'Models', '+ Add Model']],
        ['modelPicker', ['Add Model']],
      ],
    );
    assert.match(en(dialog.waysIn[0]!.how), /Settings -> Models -> \+ Add Model/);
    assert.match(en(dialog.waysIn[1]!.how), /model picker.*Add Model/);
  });

  it("uses Trae CN's known labels and glosses the English words it has no source for", () => {
    const guide = buildTraeGuide({ endpoint, model: terra, language: 'zh-cn' });
    const f = Object.fromEntries(dialogFields(guide.dialog).map((x) => [x.id, x.title]));
    assert.deepEqual(f, {
      apiFormat: 'API 格式',
      requestUrl: '自定义请求地址',
      fullUrl: '完整 URL',
      modelId: '模型 ID',
      multimodal: 'Multimodal（多模态）',
      apiKey: 'API 密钥',
      modelSeries: '模型系列',
      displayName: '显示名称',
      contextInput: '上下文窗口 input',
      contextOutput: '上下文窗口 output',
      toolCallRounds: 'Tool Call Rounds',
    });
    assert.equal(guide.dialog.advanced.label, 'Advanced Settings（高级设置）');
    assert.equal(guide.dialog.addButton, 'Add Model（添加模型）');
    assert.equal(TRAE_LABELS['zh-cn'].autoMode, 'Auto Mode（自动模式）');
    assert.deepEqual(guide.dialog.waysIn[0]!.path.slice(0, 2), ['设置', '模型']);
    assert.deepEqual(guide.dialog.tabs.find((t) => t.chosen)?.label, '自定义配置');
    const open = guide.steps.find((s) => s.id === 'openDialog')!;
    assert.match(cn(open.body), /设置 -> 模型 -> \+ Add Model（添加模型）/);
    assert.match(cn(guide.steps.find((s) => s.id === 'chooseTab')!.title), /自定义配置/);
  });

  it('walks sign-in, the dialog top to bottom, then the Models page, Auto Mode, the picker and the test message', () => {
    const guide = buildTraeGuide({ endpoint, model: terra, language: 'en' });
    assert.deepEqual(
      guide.steps.map((s) => s.id),
      [
        'signIn',
        'openDialog',
        'chooseTab',
        'fillRequired',
        'openAdvanced',
        'addModel',
        'findOnModelsPage',
        'autoModeOff',
        'selectModel',
        'sendTest',
      ],
    );
    assert.deepEqual(
      guide.dialog.afterAdding.map((s) => s.id),
      ['findOnModelsPage', 'autoModeOff', 'selectModel', 'sendTest'],
    );
    const text = (id: string) => en(guide.steps.find((s) => s.id === id)!.body);
    assert.match(text('findOnModelsPage'), /under Custom/);
    assert.match(en(guide.steps.find((s) => s.id === 'autoModeOff')!.title), /Turn Auto Mode off/);
    assert.match(text('selectModel'), /GPT-5\.6 Terra via Codex Pooler.*Custom Models/);
    assert.match(text('sendTest'), /Reply with exactly: trae ok/);
    assert.match(en(guide.dialog.workingWhen), /check passed.*Add Model.*"trae ok"/);
  });

  it("says Advanced Settings must be opened when the window does not take Trae's defaults", () => {
    const step = (model: typeof terra) =>
      buildTraeGuide({ endpoint, model, language: 'en' }).steps.find((s) => s.id === 'openAdvanced')!;
    assert.equal(step(terra).body.id, 'guide.step.openAdvanced.body');
    assert.equal(step(mini).body.id, 'guide.step.openAdvanced.bodyMust');
    assert.match(en(step(mini).title), /Open Advanced Settings/);
  });

  it('adapts values to the model and gives the reasons', () => {
    const guide = buildTraeGuide({ endpoint, model: mini, language: 'en' });
    assert.equal(fieldOf(guide, 'multimodal').value, 'Off');
    assert.equal(fieldOf(guide, 'contextInput').value, '105600');
    assert.equal(fieldOf(guide, 'contextOutput').value, '16000');
    assert.equal(
      en(fieldOf(guide, 'contextInput').reason!),
      'gpt-5.4-mini takes 121,600 tokens; 184,000 + 16,000 would not fit, so Input is 105,600.',
    );
    assert.equal(fieldOf(guide, 'contextOutput').reason, undefined);
    const long = fieldOf(
      buildTraeGuide({ endpoint, model: { ...terra, displayName: 'GPT-5.6 Terra Extended Context' }, language: 'en' }),
      'displayName',
    );
    assert.deepEqual([long.value, long.reason?.id], ['GPT-5.6 Terra Extended Context', 'guide.displayName.shortened']);
    const typed = buildTraeGuide({ endpoint, model: { id: 'typed-id' }, language: 'en' });
    assert.equal(fieldOf(typed, 'multimodal').note.id, 'guide.field.multimodalUnknown');
    assert.equal(fieldOf(typed, 'contextInput').note.id, 'guide.context.unknown');
    assert.equal(fieldOf(typed, 'modelId').value, 'typed-id');
  });

  it('with Full URL on, the URL is the full chat URL and the switch is on', () => {
    const guide = buildTraeGuide({ endpoint: fullEndpoint, model: terra, language: 'en' });
    assert.equal(fieldOf(guide, 'requestUrl').value, 'https://codex-pooler.example.com/v1/chat/completions');
    assert.deepEqual([fieldOf(guide, 'fullUrl').value, fieldOf(guide, 'fullUrl').on], ['On', true]);
  });

  it('the Trae URL is canonical even when the setting had a trailing slash', () => {
    const slashy = analyzeEndpoint('https://codex-pooler.example.com/v1/', false).endpoint!;
    assert.equal(
      fieldOf(buildTraeGuide({ endpoint: slashy, model: terra, language: 'en' }), 'requestUrl').value,
      'https://codex-pooler.example.com/v1',
    );
  });

  it("explains every Trae error code with this setup's values", () => {
    const guide = buildTraeGuide({ endpoint, model: terra, language: 'en' });
    assert.deepEqual(
      guide.traeErrors.map((e) => e.key),
      [984, 4028, 997, 4054, 2001, 'unknown'],
    );
    assert.match(en(guide.traeErrors[0]!.fix), /Model ID to exactly gpt-5\.6-terra/);
    assert.match(en(guide.traeErrors[1]!.fix), /https:\/\/codex-pooler\.example\.com\/v1 with Full URL Off/);
    assert.match(en(guide.traeErrors[2]!.fix), /https:\/\/codex-pooler\.example\.com\/v1/);
  });
});

describe('Trae guide: "Copy all as text"', () => {
  const lines = (text: string) => text.split('\n');

  it('follows the dialog: steps, then the required rows, then Advanced Settings, then Add Model', () => {
    const text = guideAsText(buildTraeGuide({ endpoint, model: terra, language: 'en' }), en, '<Pool API key>');
    const order = [
      'Sign in to Trae',
      'Open the Add Model dialog: Settings -> Models -> + Add Model',
      'Choose Custom Config',
      'Fill in the four required fields',
      '   - API Format: OpenAI Chat Completions',
      '   - Custom Request URL: https://codex-pooler.example.com/v1  |  Full URL: Off',
      '   - Model ID: gpt-5.6-terra  |  Multimodal: On',
      '   - API Key: <Pool API key>',
      'Open Advanced Settings',
      '   - Model Series: Default',
      '   - Display Name: GPT-5.6 Terra via Codex Pooler',
      '   - Context Window: Input 184000, Output 16000',
      '   - Tool Call Rounds: 200',
      'Click Add Model',
      'Find it on the Models page',
      'Turn Auto Mode off',
      'Select your model',
      'Send a test message',
      'The setup works only when both hold',
      'If Trae shows an error:',
      '- Code 984: "Incorrect Model Name, Please Verify It Matches The Provider\'s Name"',
      '- Code 4028: "Param Incorrect (Model Provider Error Code: 400)"',
      '- Code 997: "请求服务失败，请检查网络"',
      '- Code 4054: "Model request failed"',
      '- Code 2001:',
      '- Another code, or none:',
    ];
    let at = -1;
    for (const expected of order) {
      const next = text.indexOf(expected, at + 1);
      assert.ok(next > at, `"${expected}" missing or out of order`);
      at = next;
    }
  });

  it('never contains the key, and shows the reasons for adapted values', () => {
    const key = 'sk-cxp-0123456789ab-abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ';
    const text = guideAsText(buildTraeGuide({ endpoint, model: mini, language: 'zh-cn' }), cn, '<Pool API key>');
    assert.ok(!text.includes(key) && !text.includes('sk-cxp-'));
    assert.ok(text.includes('   - API 密钥: <Pool API key>'));
    assert.ok(text.includes('   - 上下文窗口: input 105600, output 16000'));
    assert.ok(
      lines(text).some((l) => l.startsWith('     (') && l.includes('105,600')),
      'the reason is under the row',
    );
    assert.ok(!text.includes('404 The API does not exist'));
  });

  it('prints a reason shared by Input and Output once', () => {
    const tiny = { id: 'tiny', displayName: 'Tiny', supportsImages: false, contextLength: 30400 };
    const text = guideAsText(buildTraeGuide({ endpoint, model: tiny, language: 'en' }), en, '<key>');
    assert.ok(text.includes('   - Context Window: Input 22800, Output 7600'));
    assert.equal(lines(text).filter((l) => l.includes('takes only 30,400 tokens')).length, 1);
  });
});
