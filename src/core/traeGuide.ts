// Trae's custom model form as data: the steps, the eleven fields with their labels as Trae and Trae CN
// show them, and the values computed from a checked configuration. Labels are Trae's own words (data,
// chosen by guide language); the explanations around them are localized messages.
import type { PoolEndpoint } from './endpoint';
import { msg, type Msg } from './messages';
import { CHECK_PROMPT, type ModelInfo } from './poolClient';

export type GuideLanguage = 'en' | 'zh-cn';

export type TraeFieldId =
  | 'apiFormat'
  | 'requestUrl'
  | 'fullUrl'
  | 'modelId'
  | 'multimodal'
  | 'apiKey'
  | 'modelSeries'
  | 'displayName'
  | 'contextInput'
  | 'contextOutput'
  | 'toolCallRounds';

export type TraeFieldKind = 'choice' | 'text' | 'switch' | 'secret' | 'number';

export interface TraeField {
  readonly id: TraeFieldId;
  readonly label: string;
  readonly kind: TraeFieldKind;
  /** What to enter. For the API key: empty, the host copies the secret itself. */
  readonly value: string;
  readonly note: Msg;
}

export type GuideStepId = 'signIn' | 'openModels' | 'fillFields' | 'save' | 'openPicker' | 'autoModeOff' | 'selectModel' | 'sendTest';

export interface GuideStep {
  readonly id: GuideStepId;
  readonly title: Msg;
  readonly body: Msg;
}

export interface TraeErrorHelp {
  readonly shown: string;
  readonly meaning: Msg;
  readonly fix: Msg;
}

export interface TraeGuide {
  readonly language: GuideLanguage;
  readonly labels: TraeLabels;
  readonly steps: readonly GuideStep[];
  readonly fields: readonly TraeField[];
  readonly traeErrors: readonly TraeErrorHelp[];
}

export interface GuideInput {
  readonly endpoint: PoolEndpoint;
  /** The model as the pool lists it (its id casing, display name, image support), or just an id. */
  readonly model: ModelInfo | { readonly id: string };
  readonly language: GuideLanguage;
}

export const TRAE_CONTEXT_INPUT = 184000;
export const TRAE_CONTEXT_OUTPUT = 16000;
export const TRAE_TOOL_CALL_ROUNDS = 200;
export const TRAE_API_FORMAT = 'OpenAI Chat Completions';
export const TRAE_MODEL_SERIES = 'Default';

export interface TraeLabels {
  readonly settings: string;
  readonly models: string;
  readonly addModel: string;
  readonly customConfig: string;
  readonly autoMode: string;
  readonly customModels: string;
  readonly on: string;
  readonly off: string;
  readonly fields: Readonly<Record<TraeFieldId, string>>;
}

// From the Codex Pooler page for Trae. The CN form's Multimodal label, "add model", Auto Mode and
// Custom Models are not on that page: those keep the English word next to a Chinese gloss.
export const TRAE_LABELS: Readonly<Record<GuideLanguage, TraeLabels>> = {
  en: {
    settings: 'Settings',
    models: 'Models',
    addModel: 'Add Model',
    customConfig: 'custom configuration',
    autoMode: 'Auto Mode',
    customModels: 'Custom Models',
    on: 'On',
    off: 'Off',
    fields: {
      apiFormat: 'API format',
      requestUrl: 'Custom Request URL',
      fullUrl: 'Full URL',
      modelId: 'Model ID',
      multimodal: 'Multimodal',
      apiKey: 'API key',
      modelSeries: 'Model Series',
      displayName: 'Display Name',
      contextInput: 'Context Window input',
      contextOutput: 'Context Window output',
      toolCallRounds: 'Tool Call Rounds',
    },
  },
  'zh-cn': {
    settings: '设置',
    models: '模型',
    addModel: '添加模型 (Add Model)',
    customConfig: '自定义配置',
    autoMode: 'Auto Mode',
    customModels: 'Custom Models',
    on: 'On',
    off: 'Off',
    fields: {
      apiFormat: 'API 格式',
      requestUrl: '自定义请求地址',
      fullUrl: '完整 URL',
      modelId: '模型 ID',
      multimodal: '多模态 (Multimodal)',
      apiKey: 'API 密钥',
      modelSeries: '模型系列',
      displayName: '显示名称',
      contextInput: '上下文窗口 input',
      contextOutput: '上下文窗口 output',
      toolCallRounds: 'Tool Call Rounds',
    },
  },
};

export function displayNameFor(model: ModelInfo | { readonly id: string }): string {
  const name = 'displayName' in model && model.displayName.trim() ? model.displayName.trim() : model.id;
  return `${name} via Codex Pooler`;
}

export function buildTraeGuide(input: GuideInput): TraeGuide {
  const labels = TRAE_LABELS[input.language];
  const f = labels.fields;
  const { endpoint, model } = input;
  const imageSupport = 'supportsImages' in model ? model.supportsImages : undefined;
  const fullUrlValue = endpoint.fullUrl ? labels.on : labels.off;

  const fields: TraeField[] = [
    { id: 'apiFormat', label: f.apiFormat, kind: 'choice', value: TRAE_API_FORMAT, note: msg('guide.field.apiFormat') },
    {
      id: 'requestUrl',
      label: f.requestUrl,
      kind: 'text',
      value: endpoint.traeUrl,
      note: msg(endpoint.fullUrl ? 'guide.field.requestUrlFull' : 'guide.field.requestUrl', { fullUrl: f.fullUrl }),
    },
    {
      id: 'fullUrl',
      label: f.fullUrl,
      kind: 'switch',
      value: fullUrlValue,
      note: msg(endpoint.fullUrl ? 'guide.field.fullUrlOn' : 'guide.field.fullUrlOff', { requestUrl: f.requestUrl }),
    },
    { id: 'modelId', label: f.modelId, kind: 'text', value: model.id, note: msg('guide.field.modelId') },
    {
      id: 'multimodal',
      label: f.multimodal,
      kind: 'switch',
      value: imageSupport ? labels.on : labels.off,
      note: msg(imageSupport === undefined ? 'guide.field.multimodalUnknown' : imageSupport ? 'guide.field.multimodalOn' : 'guide.field.multimodalOff'),
    },
    { id: 'apiKey', label: f.apiKey, kind: 'secret', value: '', note: msg('guide.field.apiKey') },
    { id: 'modelSeries', label: f.modelSeries, kind: 'choice', value: TRAE_MODEL_SERIES, note: msg('guide.field.modelSeries') },
    { id: 'displayName', label: f.displayName, kind: 'text', value: displayNameFor(model), note: msg('guide.field.displayName') },
    { id: 'contextInput', label: f.contextInput, kind: 'number', value: String(TRAE_CONTEXT_INPUT), note: msg('guide.field.contextInput') },
    { id: 'contextOutput', label: f.contextOutput, kind: 'number', value: String(TRAE_CONTEXT_OUTPUT), note: msg('guide.field.contextOutput') },
    { id: 'toolCallRounds', label: f.toolCallRounds, kind: 'number', value: String(TRAE_TOOL_CALL_ROUNDS), note: msg('guide.field.toolCallRounds') },
  ];

  const steps: GuideStep[] = [
    { id: 'signIn', title: msg('guide.step.signIn.title'), body: msg('guide.step.signIn.body') },
    {
      id: 'openModels',
      title: msg('guide.step.openModels.title'),
      body: msg('guide.step.openModels.body', { settings: labels.settings, models: labels.models, addModel: labels.addModel, custom: labels.customConfig }),
    },
    { id: 'fillFields', title: msg('guide.step.fillFields.title'), body: msg('guide.step.fillFields.body') },
    { id: 'save', title: msg('guide.step.save.title'), body: msg('guide.step.save.body') },
    { id: 'openPicker', title: msg('guide.step.openPicker.title'), body: msg('guide.step.openPicker.body') },
    { id: 'autoModeOff', title: msg('guide.step.autoModeOff.title', { autoMode: labels.autoMode }), body: msg('guide.step.autoModeOff.body', { autoMode: labels.autoMode }) },
    {
      id: 'selectModel',
      title: msg('guide.step.selectModel.title'),
      body: msg('guide.step.selectModel.body', { customModels: labels.customModels, name: displayNameFor(model) }),
    },
    { id: 'sendTest', title: msg('guide.step.sendTest.title'), body: msg('guide.step.sendTest.body', { message: CHECK_PROMPT }) },
  ];

  const traeErrors: TraeErrorHelp[] = [
    { shown: '404 The API does not exist', meaning: msg('guide.error404.meaning', { requestUrl: f.requestUrl, fullUrl: f.fullUrl }), fix: msg('guide.error404.fix', { requestUrl: f.requestUrl, fullUrl: f.fullUrl, url: endpoint.traeUrl, state: fullUrlValue }) },
    { shown: '984 Incorrect Model Name', meaning: msg('guide.error984.meaning', { modelId: f.modelId }), fix: msg('guide.error984.fix', { modelId: f.modelId, model: model.id }) },
  ];

  return { language: input.language, labels, steps, fields, traeErrors };
}

/**
 * The "Copy all as text" checklist. The key is never in it: `keyPlaceholder` stands in its place.
 */
export function guideAsText(guide: TraeGuide, render: (m: Msg) => string, keyPlaceholder: string): string {
  const lines: string[] = [render(msg('guide.text.header')), ''];
  guide.steps.forEach((step, i) => {
    lines.push(`${i + 1}. ${render(step.title)}: ${render(step.body)}`);
    if (step.id === 'fillFields') {
      for (const field of guide.fields) lines.push(`   - ${field.label}: ${field.kind === 'secret' ? keyPlaceholder : field.value}`);
    }
  });
  lines.push('', render(msg('guide.text.errors')));
  for (const e of guide.traeErrors) lines.push(`- "${e.shown}": ${render(e.meaning)} ${render(e.fix)}`);
  return lines.join('\n');
}
