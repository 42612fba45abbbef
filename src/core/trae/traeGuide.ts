// Trae's "Add Model" dialog as data, top to bottom as Trae shows it: the ways in, the tabs, the required
// rows, Advanced Settings (collapsed at first; the rows are in guideRows.ts), the Add Model button, then
// what to do after adding. Labels are Trae's own words (data, by guide language); explanations are messages.
import type { PoolEndpoint } from '../url/endpoint';
import { msg, type Msg } from '../text/messages';
import { CHECK_PROMPT, EXPECTED_ANSWER } from '../pool/poolClient';
import { TRAE_ERRORS, traeErrorHelp, type TraeErrorHelp } from './traeErrors';
import { TRAE_LABELS, type GuideLanguage, type TraeLabels } from './traeLabels';
import { contextWindowFor, displayNameFor, multimodalFor, type GuideModel } from './traeValues';
import { dialogRows, type ModelValues, type TraeRow } from './guideRows';
import { entriesFor } from './modelSet';

export type { GuideLanguage, TraeFieldId, TraeLabels } from './traeLabels';
export { TRAE_LABELS } from './traeLabels';

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
  | 'sendTest'
  | 'addInTrae';

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
  /** The model this guide's Add Model entry is for (the pool's spelling). */
  readonly modelId: string;
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
  /** The values fitted to the model, when a set decided them (its Display Names told apart). */
  readonly values?: ModelValues;
}

/**
 * One guide per model of a setup, main model first: the same dialog, each with its own model's values (the
 * Display Names told apart across the whole set). `only`: build just the guides of the models it picks.
 */
export function buildTraeGuides(
  input: Omit<GuideInput, 'model'> & { readonly models: readonly GuideModel[] },
  only: (model: GuideModel, index: number) => boolean = () => true,
): TraeGuide[] {
  const entries = entriesFor(input.models);
  return input.models.flatMap((model, i) =>
    only(model, i)
      ? [buildTraeGuide({ endpoint: input.endpoint, language: input.language, model, values: entries[i]! })]
      : [],
  );
}

export function buildTraeGuide(input: GuideInput): TraeGuide {
  const labels = TRAE_LABELS[input.language];
  const values: ModelValues = input.values ?? {
    multimodal: multimodalFor(input.model),
    displayName: displayNameFor(input.model),
    context: contextWindowFor(input.model),
  };
  const { required, advanced } = dialogRows(input, labels, values);
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
    modelId: input.model.id.trim(),
    language: input.language,
    labels,
    dialog,
    steps,
    traeErrors: TRAE_ERRORS.map((e) => traeErrorHelp(e, errorContext)),
  };
}
