// Trae's "Add Model" dialog as data, top to bottom as Trae shows it: the ways in, the tabs, the four
// required rows, Advanced Settings (collapsed at first) with four more, the Add Model button, then what
// to do after adding. Labels are Trae's own words (data, by guide language); explanations are messages.
import type { PoolEndpoint } from '../url/endpoint';
import { msg, type Msg } from '../text/messages';
import { CHECK_PROMPT, EXPECTED_ANSWER } from '../pool/poolClient';
import { TRAE_ERRORS, traeErrorHelp, type TraeErrorHelp } from './traeErrors';
import { TRAE_LABELS, type GuideLanguage, type TraeFieldId, type TraeLabels } from './traeLabels';
import {
  TRAE_API_FORMAT,
  TRAE_DISPLAY_NAME_MAX,
  TRAE_MODEL_SERIES,
  TRAE_TOOL_CALL_ROUNDS,
  contextWindowFor,
  displayNameFor,
  multimodalFor,
  type ContextWindowValues,
  type DisplayNameValue,
  type GuideModel,
  type MultimodalValue,
} from './traeValues';

export type { GuideLanguage, TraeFieldId, TraeLabels } from './traeLabels';
export { TRAE_LABELS } from './traeLabels';

export type TraeFieldKind = 'dropdown' | 'text' | 'switch' | 'secret' | 'number';

export interface TraeField {
  readonly id: TraeFieldId;
  /** The label beside the box, as Trae shows it ("Input" under Context Window). */
  readonly label: string;
  /** The label with its row's heading, for lists and Copy buttons ("Context Window Input"). */
  readonly title: string;
  readonly kind: TraeFieldKind;
  /** What to enter. For a switch: its state's label. For the API key: empty (the host copies it). */
  readonly value: string;
  /** For a switch: whether to turn it on. */
  readonly on?: boolean;
  /** Trae's own limit on the box, where it has one. */
  readonly maxLength?: number;
  readonly note: Msg;
  /** Why the value differs from the usual one, when it was adapted to the model. */
  readonly reason?: Msg;
}

/** One line of the dialog: a field alone, a field with its switch at the right, or Input + Output. */
export type TraeRow =
  | { readonly layout: 'single'; readonly fields: readonly [TraeField] }
  | { readonly layout: 'withSwitch'; readonly fields: readonly [TraeField, TraeField] }
  | { readonly layout: 'pair'; readonly label: string; readonly fields: readonly [TraeField, TraeField] };

export interface TraeTab {
  readonly id: 'modelProvider' | 'customConfig';
  readonly label: string;
  readonly chosen: boolean;
}

export interface TraeWayIn {
  readonly id: 'settings' | 'modelPicker';
  /** The labels to click through, in order. */
  readonly path: readonly string[];
  readonly how: Msg;
}

export type GuideStepId =
  | 'signIn'
  | 'openDialog'
  | 'chooseTab'
  | 'fillRequired'
  | 'openAdvanced'
  | 'addModel'
  | 'findOnModelsPage'
  | 'autoModeOff'
  | 'selectModel'
  | 'sendTest';

export interface GuideStep {
  readonly id: GuideStepId;
  readonly title: Msg;
  readonly body: Msg;
}

export interface TraeDialog {
  readonly waysIn: readonly TraeWayIn[];
  readonly tabs: readonly TraeTab[];
  readonly required: readonly TraeRow[];
  readonly advanced: { readonly label: string; readonly collapsedByDefault: true; readonly rows: readonly TraeRow[] };
  readonly addButton: string;
  readonly afterAdding: readonly GuideStep[];
  /** When the setup counts as working: Trae's own check passed and a real chat answered. */
  readonly workingWhen: Msg;
}

export interface TraeGuide {
  readonly language: GuideLanguage;
  readonly labels: TraeLabels;
  readonly dialog: TraeDialog;
  /** Every step in order, from signing in to the test message (the dialog's own steps included). */
  readonly steps: readonly GuideStep[];
  readonly traeErrors: readonly TraeErrorHelp[];
}

export interface GuideInput {
  readonly endpoint: PoolEndpoint;
  /** The model as the pool lists it (its id casing, display name, image support, window), or just an id. */
  readonly model: GuideModel;
  readonly language: GuideLanguage;
}

interface ModelValues {
  readonly multimodal: MultimodalValue;
  readonly displayName: DisplayNameValue;
  readonly context: ContextWindowValues;
}

function rows(
  input: GuideInput,
  labels: TraeLabels,
  { multimodal, displayName, context }: ModelValues,
): { required: TraeRow[]; advanced: TraeRow[] } {
  const f = labels.fields;
  const { endpoint, model } = input;
  const onOff = (on: boolean) => (on ? labels.on : labels.off);
  const field = (
    id: TraeFieldId,
    kind: TraeFieldKind,
    value: string,
    note: Msg,
    extra: Partial<TraeField> = {},
  ): TraeField => ({ id, label: f[id], title: f[id], kind, value, note, ...extra });
  const inContextWindow = (id: 'contextInput' | 'contextOutput') => ({ title: `${labels.contextWindow} ${f[id]}` });
  // Input's reason explains both numbers; Output carries it too when Output was shrunk as well.
  const outputReason = context.fit === 'both' && context.reason ? { reason: context.reason } : {};

  return {
    required: [
      { layout: 'single', fields: [field('apiFormat', 'dropdown', TRAE_API_FORMAT, msg('guide.field.apiFormat'))] },
      {
        layout: 'withSwitch',
        fields: [
          field(
            'requestUrl',
            'text',
            endpoint.traeUrl,
            msg(endpoint.fullUrl ? 'guide.field.requestUrlFull' : 'guide.field.requestUrl', { fullUrl: f.fullUrl }),
          ),
          field(
            'fullUrl',
            'switch',
            onOff(endpoint.fullUrl),
            msg(endpoint.fullUrl ? 'guide.field.fullUrlOn' : 'guide.field.fullUrlOff', { requestUrl: f.requestUrl }),
            { on: endpoint.fullUrl },
          ),
        ],
      },
      {
        layout: 'withSwitch',
        fields: [
          field('modelId', 'text', model.id, msg('guide.field.modelId')),
          field('multimodal', 'switch', onOff(multimodal.on), multimodal.note, { on: multimodal.on }),
        ],
      },
      { layout: 'single', fields: [field('apiKey', 'secret', '', msg('guide.field.apiKey'))] },
    ],
    advanced: [
      {
        layout: 'single',
        fields: [field('modelSeries', 'dropdown', TRAE_MODEL_SERIES, msg('guide.field.modelSeries'))],
      },
      {
        layout: 'single',
        fields: [
          field(
            'displayName',
            'text',
            displayName.value,
            msg('guide.field.displayName', { max: TRAE_DISPLAY_NAME_MAX, modelId: f.modelId }),
            {
              maxLength: TRAE_DISPLAY_NAME_MAX,
              ...(displayName.reason ? { reason: displayName.reason } : {}),
            },
          ),
        ],
      },
      {
        layout: 'pair',
        label: labels.contextWindow,
        fields: [
          field('contextInput', 'number', String(context.input), context.note, {
            ...inContextWindow('contextInput'),
            ...(context.reason ? { reason: context.reason } : {}),
          }),
          field('contextOutput', 'number', String(context.output), msg('guide.field.contextOutput'), {
            ...inContextWindow('contextOutput'),
            ...outputReason,
          }),
        ],
      },
      {
        layout: 'single',
        fields: [field('toolCallRounds', 'number', String(TRAE_TOOL_CALL_ROUNDS), msg('guide.field.toolCallRounds'))],
      },
    ],
  };
}

export function buildTraeGuide(input: GuideInput): TraeGuide {
  const labels = TRAE_LABELS[input.language];
  const values: ModelValues = {
    multimodal: multimodalFor(input.model),
    displayName: displayNameFor(input.model),
    context: contextWindowFor(input.model),
  };
  const { required, advanced } = rows(input, labels, values);
  const displayName = values.displayName.value;
  // Trae's defaults in Advanced Settings would not fit this model's window: opening it is not optional.
  const mustOpen = values.context.reason !== undefined;
  const settingsPath = [labels.settings, labels.models, labels.addModelButton];

  const afterAdding: GuideStep[] = [
    {
      id: 'findOnModelsPage',
      title: msg('guide.step.findOnModelsPage.title', { models: labels.models }),
      body: msg('guide.step.findOnModelsPage.body', { models: labels.models, custom: labels.customGroup }),
    },
    {
      id: 'autoModeOff',
      title: msg('guide.step.autoModeOff.title', { autoMode: labels.autoMode }),
      body: msg('guide.step.autoModeOff.body', { autoMode: labels.autoMode }),
    },
    {
      id: 'selectModel',
      title: msg('guide.step.selectModel.title'),
      body: msg('guide.step.selectModel.body', { customModels: labels.customModels, name: displayName }),
    },
    {
      id: 'sendTest',
      title: msg('guide.step.sendTest.title'),
      body: msg('guide.step.sendTest.body', { message: CHECK_PROMPT }),
    },
  ];

  const dialog: TraeDialog = {
    waysIn: [
      { id: 'settings', path: settingsPath, how: msg('guide.wayIn.settings', { path: settingsPath.join(' -> ') }) },
      {
        id: 'modelPicker',
        path: [labels.addModel],
        how: msg('guide.wayIn.modelPicker', { addModel: labels.addModel }),
      },
    ],
    tabs: [
      { id: 'modelProvider', label: labels.modelProvider, chosen: false },
      { id: 'customConfig', label: labels.customConfig, chosen: true },
    ],
    required,
    advanced: { label: labels.advancedSettings, collapsedByDefault: true, rows: advanced },
    addButton: labels.addModel,
    afterAdding,
    workingWhen: msg('guide.workingWhen', { addModel: labels.addModel, answer: EXPECTED_ANSWER }),
  };

  const steps: GuideStep[] = [
    { id: 'signIn', title: msg('guide.step.signIn.title'), body: msg('guide.step.signIn.body') },
    {
      id: 'openDialog',
      title: msg('guide.step.openDialog.title', { addModel: labels.addModel }),
      body: msg('guide.step.openDialog.body', { path: settingsPath.join(' -> '), addModel: labels.addModel }),
    },
    {
      id: 'chooseTab',
      title: msg('guide.step.chooseTab.title', { tab: labels.customConfig }),
      body: msg('guide.step.chooseTab.body', { tab: labels.customConfig, other: labels.modelProvider }),
    },
    { id: 'fillRequired', title: msg('guide.step.fillRequired.title'), body: msg('guide.step.fillRequired.body') },
    {
      id: 'openAdvanced',
      title: msg('guide.step.openAdvanced.title', { advanced: labels.advancedSettings }),
      body: msg(mustOpen ? 'guide.step.openAdvanced.bodyMust' : 'guide.step.openAdvanced.body', {
        contextWindow: labels.contextWindow,
      }),
    },
    {
      id: 'addModel',
      title: msg('guide.step.addModel.title', { addModel: labels.addModel }),
      body: msg('guide.step.addModel.body'),
    },
    ...afterAdding,
  ];

  const errorContext = {
    labels,
    modelId: input.model.id,
    requestUrl: input.endpoint.traeUrl,
    fullUrl: input.endpoint.fullUrl,
  };
  return {
    language: input.language,
    labels,
    dialog,
    steps,
    traeErrors: TRAE_ERRORS.map((e) => traeErrorHelp(e, errorContext)),
  };
}

/** Every field of the dialog, top to bottom (required rows, then Advanced Settings). */
export function dialogFields(dialog: TraeDialog): TraeField[] {
  return [...dialog.required, ...dialog.advanced.rows].flatMap((row) => [...row.fields]);
}

/**
 * The "Copy all as text" checklist: the same steps, sections and field order as the dialog. The key is
 * never in it: `keyPlaceholder` stands in its place.
 */
export function guideAsText(guide: TraeGuide, render: (m: Msg) => string, keyPlaceholder: string): string {
  const valueOf = (field: TraeField) => (field.kind === 'secret' ? keyPlaceholder : field.value);
  const rowLines = (row: TraeRow): string[] => {
    const line =
      row.layout === 'pair'
        ? `   - ${row.label}: ${row.fields[0].label} ${valueOf(row.fields[0])}, ${row.fields[1].label} ${valueOf(row.fields[1])}`
        : row.layout === 'withSwitch'
          ? `   - ${row.fields[0].label}: ${valueOf(row.fields[0])}  |  ${row.fields[1].label}: ${valueOf(row.fields[1])}`
          : `   - ${row.fields[0].label}: ${valueOf(row.fields[0])}`;
    const reasons = new Set(row.fields.flatMap((f) => (f.reason ? [render(f.reason)] : [])));
    return [line, ...[...reasons].map((reason) => `     (${reason})`)];
  };
  const lines: string[] = [render(msg('guide.text.header')), ''];
  guide.steps.forEach((step, i) => {
    lines.push(`${i + 1}. ${render(step.title)}: ${render(step.body)}`);
    if (step.id === 'fillRequired') for (const row of guide.dialog.required) lines.push(...rowLines(row));
    if (step.id === 'openAdvanced') for (const row of guide.dialog.advanced.rows) lines.push(...rowLines(row));
  });
  lines.push('', render(guide.dialog.workingWhen), '', render(msg('guide.text.errors')));
  for (const e of guide.traeErrors) lines.push(`- ${render(e.title)}: ${render(e.meaning)} ${render(e.fix)}`);
  return lines.join('\n');
}
