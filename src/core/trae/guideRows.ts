// The rows of Trae's Add Model dialog, as Trae lays them out: the four required ones, then the four under
// Advanced Settings. Each field has Trae's label, the value to enter (adapted to the model) and why.
import type { PoolEndpoint } from '../url/endpoint';
import { msg, type Msg } from '../text/messages';
import type { TraeFieldId, TraeLabels } from './traeLabels';
import {
  TRAE_API_FORMAT,
  TRAE_DISPLAY_NAME_MAX,
  TRAE_MODEL_SERIES,
  TRAE_TOOL_CALL_ROUNDS,
  type ContextWindowValues,
  type DisplayNameValue,
  type GuideModel,
  type MultimodalValue,
} from './traeValues';

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

export interface ModelValues {
  readonly multimodal: MultimodalValue;
  readonly displayName: DisplayNameValue;
  readonly context: ContextWindowValues;
}

export function dialogRows(
  input: { readonly endpoint: PoolEndpoint; readonly model: GuideModel },
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
