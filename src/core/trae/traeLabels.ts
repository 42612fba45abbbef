// The words Trae's own UI shows, as data chosen by guide language. English: exact capitalisation of
// Trae's "Add Model" dialog. Trae CN: only the labels a public source gives; for the rest (Multimodal,
// Advanced Settings, Add Model, Auto Mode…) the English word stays, with a Chinese gloss beside it,
// rather than a guess at Trae CN's wording.

export type GuideLanguage = 'en' | 'zh-cn';

/** The fields of Trae's Add Model dialog: the one list (the wizard's guide and its Copy buttons name them so). */
export const TRAE_FIELD_IDS = [
  'apiFormat',
  'requestUrl',
  'fullUrl',
  'modelId',
  'multimodal',
  'apiKey',
  'modelSeries',
  'displayName',
  'contextInput',
  'contextOutput',
  'toolCallRounds',
] as const;
export type TraeFieldId = (typeof TRAE_FIELD_IDS)[number];

export interface TraeLabels {
  readonly settings: string;
  /** The settings page that lists models. */
  readonly models: string;
  /** The button on the Models page. */
  readonly addModelButton: string;
  /** The dialog's title and its final button; also the button at the bottom of the model picker. */
  readonly addModel: string;
  readonly modelProvider: string;
  readonly customConfig: string;
  readonly advancedSettings: string;
  readonly contextWindow: string;
  /** The group of the Models page where added models are listed. */
  readonly customGroup: string;
  readonly autoMode: string;
  /** The heading of the model picker above custom models. */
  readonly customModels: string;
  readonly on: string;
  readonly off: string;
  readonly fields: Readonly<Record<TraeFieldId, string>>;
}

/** "Word（中文）": an English UI word with a Chinese gloss, where Trae CN's own word is unknown. */
export function glossed(english: string, chinese: string): string {
  return `${english}（${chinese}）`;
}

export const TRAE_LABELS: Readonly<Record<GuideLanguage, TraeLabels>> = {
  en: {
    settings: 'Settings',
    models: 'Models',
    addModelButton: '+ Add Model',
    addModel: 'Add Model',
    modelProvider: 'Model Provider',
    customConfig: 'Custom Config',
    advancedSettings: 'Advanced Settings',
    contextWindow: 'Context Window',
    customGroup: 'Custom',
    autoMode: 'Auto Mode',
    customModels: 'Custom Models',
    on: 'On',
    off: 'Off',
    fields: {
      apiFormat: 'API Format',
      requestUrl: 'Custom Request URL',
      fullUrl: 'Full URL',
      modelId: 'Model ID',
      multimodal: 'Multimodal',
      apiKey: 'API Key',
      modelSeries: 'Model Series',
      displayName: 'Display Name',
      contextInput: 'Input',
      contextOutput: 'Output',
      toolCallRounds: 'Tool Call Rounds',
    },
  },
  'zh-cn': {
    settings: '设置',
    models: '模型',
    addModelButton: `+ ${glossed('Add Model', '添加模型')}`,
    addModel: glossed('Add Model', '添加模型'),
    modelProvider: glossed('Model Provider', '模型提供商'),
    customConfig: '自定义配置',
    advancedSettings: glossed('Advanced Settings', '高级设置'),
    contextWindow: '上下文窗口',
    customGroup: glossed('Custom', '自定义'),
    autoMode: glossed('Auto Mode', '自动模式'),
    customModels: glossed('Custom Models', '自定义模型'),
    // The upstream page's CN table writes the switch states in English too.
    on: 'On',
    off: 'Off',
    fields: {
      apiFormat: 'API 格式',
      requestUrl: '自定义请求地址',
      fullUrl: '完整 URL',
      modelId: '模型 ID',
      multimodal: glossed('Multimodal', '多模态'),
      apiKey: 'API 密钥',
      modelSeries: '模型系列',
      displayName: '显示名称',
      contextInput: 'input',
      contextOutput: 'output',
      toolCallRounds: 'Tool Call Rounds',
    },
  },
};
