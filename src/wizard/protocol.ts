// The wizard's one message protocol, declared once and imported by both sides: the host
// (src/wizard/panel.ts) and the webview (src/webview/rpc.ts). Each request method pairs its params with
// its result (the way GitLens pairs requests and responses), both checked with zod/mini on both sides:
// a renamed field breaks the build, a malformed message is reported, never dropped silently.
import * as z from 'zod/mini';

/** Every limit the host clamps its values to before sending (view.ts uses the same numbers). */
export const LIMITS = {
  text: 2000,
  label: 200,
  url: 4096,
  id: 256,
  name: 256,
  problems: 30,
  notices: 5,
  models: 5000,
  strings: 2000,
} as const;

const text = (max: number = LIMITS.text) => z.string().check(z.maxLength(max));
const Empty = z.object({});

export const STEP_NAMES = ['url', 'key', 'model', 'test', 'trae', 'chat'] as const;
export const StepSchema = z.enum(STEP_NAMES);
export type StepName = z.infer<typeof StepSchema>;
const Severity = z.enum(['error', 'warning', 'info']);
const Language = z.enum(['en', 'zh-cn']);

export const CorrectionSchema = z.object({ url: text(LIMITS.url), fullUrl: z.boolean(), label: text() });

/** A diagnosis or finding, already in the user's language. */
export const ProblemViewSchema = z.object({
  severity: Severity,
  cause: text(),
  fix: text(),
  /** The wizard step that fixes it, if another. */
  goTo: z.optional(StepSchema),
  corrections: z.optional(z.array(CorrectionSchema).check(z.maxLength(4))),
});
const Problems = z.array(ProblemViewSchema).check(z.maxLength(LIMITS.problems));

const CheckStatus = z.enum(['idle', 'running', 'done']);

export const ReportViewSchema = z.object({
  verdict: z.enum(['ok', 'warning', 'error']),
  durationMs: z.number(),
  steps: z
    .array(
      z.object({
        id: z.enum(['url', 'key', 'models', 'chat', 'usage']),
        status: z.enum(['pass', 'warn', 'fail', 'skipped']),
        durationMs: z.number(),
      }),
    )
    .check(z.maxLength(10)),
  problems: Problems,
  answer: z.optional(text()),
  servedModel: z.optional(text(LIMITS.id)),
});

export const TraeReportViewSchema = z.object({
  verdict: z.enum(['ok', 'warning', 'error']),
  durationMs: z.number(),
  lines: z.array(text()).check(z.maxLength(20)),
  problems: Problems,
});

export const ModelViewSchema = z.object({
  id: text(LIMITS.id),
  name: text(LIMITS.name),
  images: z.boolean(),
  contextLength: z.optional(z.int().check(z.positive())),
});

export const GuideFieldSchema = z.object({
  id: z.enum([
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
  ]),
  /** Beside the box, as Trae shows it ("Input"); title: with its row's heading ("Context Window Input"). */
  label: text(LIMITS.label),
  title: text(LIMITS.label),
  kind: z.enum(['dropdown', 'text', 'switch', 'secret', 'number']),
  value: text(LIMITS.url),
  on: z.boolean(),
  maxLength: z.optional(z.number()),
  note: text(),
  reason: z.optional(text()),
});
const GuideRowSchema = z.object({
  layout: z.enum(['single', 'withSwitch', 'pair']),
  label: z.optional(text(LIMITS.label)),
  fields: z.array(GuideFieldSchema).check(z.minLength(1), z.maxLength(2)),
});
const GuideStepSchema = z.object({ id: text(40), title: text(), body: text() });
export const GuideViewSchema = z.object({
  tabs: z.array(z.object({ label: text(LIMITS.label), chosen: z.boolean() })).check(z.maxLength(4)),
  required: z.array(GuideRowSchema).check(z.maxLength(8)),
  /** Trae keeps this section collapsed: the hint says to open it (and why, when values were adapted). */
  advanced: z.object({ label: text(LIMITS.label), hint: text(), rows: z.array(GuideRowSchema).check(z.maxLength(8)) }),
  addButton: text(LIMITS.label),
  /** The steps up to Add Model, then the ones after it. */
  steps: z.array(GuideStepSchema).check(z.maxLength(12)),
  after: z.array(GuideStepSchema).check(z.maxLength(12)),
  workingWhen: text(),
  errors: z
    .array(
      z.object({
        key: text(20),
        shown: z.optional(text(LIMITS.label)),
        title: text(),
        meaning: text(),
        fix: text(),
        costsQuota: z.boolean(),
      }),
    )
    .check(z.maxLength(12)),
});

export const WizardViewSchema = z.object({
  step: StepSchema,
  steps: z.array(z.object({ name: StepSchema, reachable: z.boolean(), done: z.boolean() })).check(z.maxLength(6)),
  /** Bumps when the host changed the draft itself: the webview then replaces what its fields hold. */
  draftVersion: z.number(),
  draft: z.object({ url: text(LIMITS.url), fullUrl: z.boolean(), model: text(LIMITS.id) }),
  /** The draft differs from the saved settings, which are what the status bar watches. */
  dirty: z.optional(z.object({ url: text(LIMITS.url), model: text(LIMITS.id) })),
  notices: z.array(z.object({ id: text(40), severity: Severity, text: text() })).check(z.maxLength(LIMITS.notices)),
  language: Language,
  url: z.object({
    findings: Problems,
    fixAll: z.optional(CorrectionSchema),
    traeCallUrl: z.optional(text(LIMITS.url)),
    reach: z.object({ status: CheckStatus, ok: z.boolean(), summary: z.optional(text()), problems: Problems }),
  }),
  key: z.object({
    state: z.enum(['none', 'stored', 'unavailable']),
    masked: z.optional(text(40)),
    problem: z.optional(ProblemViewSchema),
    /** A new key the pool did not accept while the stored one works: not stored, waiting for the user. */
    pending: z.optional(z.object({ text: text(), fix: text() })),
    check: z.object({ status: CheckStatus, ok: z.boolean(), summary: z.optional(text()), problems: Problems }),
  }),
  model: z.object({
    listStatus: CheckStatus,
    /** Which list (the `models` message) this view goes with. */
    listToken: z.number(),
    match: z.enum(['exact', 'case', 'none', 'unknown']),
    summary: z.optional(text()),
    problems: Problems,
  }),
  test: z.object({
    status: CheckStatus,
    report: z.optional(ReportViewSchema),
    trae: z.object({ status: CheckStatus, report: z.optional(TraeReportViewSchema) }),
    canSave: z.boolean(),
    /** Set when the draft is the saved configuration and it already works. */
    savedNote: z.optional(text()),
  }),
  guide: z.optional(GuideViewSchema),
  keyForTrae: z.enum(['stored', 'missing']),
  commands: z.object({ openChat: z.boolean(), openTraeSettings: z.boolean() }),
});

export const ModelListViewSchema = z.object({
  token: z.number(),
  models: z.array(ModelViewSchema).check(z.maxLength(LIMITS.models)),
  /** Entries the pool sent that were skipped or cut, said in the user's language. */
  note: z.optional(text()),
});

const CopyTarget = z.enum([
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
  'all',
]);
const Command = z.enum(['openChat', 'openTraeSettings', 'checkConnection', 'showLog', 'close']);

const KeyStored = z.object({ verdict: z.enum(['accepted', 'rejected', 'unchecked', 'kept']) });

function method<P extends z.ZodMiniType, R extends z.ZodMiniType>(
  params: P,
  result: R,
): { readonly params: P; readonly result: R } {
  return { params, result };
}

/** Webview -> host requests, each with its result. The raw key travels this way (storeKey) and never back. */
export const METHODS = {
  ready: method(
    Empty,
    z.object({ strings: z.array(z.array(text(4000)).check(z.length(2))).check(z.maxLength(LIMITS.strings)) }),
  ),
  setDraft: method(
    z.object({ url: text(LIMITS.url), fullUrl: z.boolean(), model: text(LIMITS.id), basedOn: z.number() }),
    Empty,
  ),
  goTo: method(z.object({ step: StepSchema }), Empty),
  storeKey: method(z.object({ key: text(LIMITS.url) }), KeyStored),
  /** "Store it anyway": the new key the pool did not accept (the host kept it in memory) replaces the stored one. */
  storePendingKey: method(Empty, KeyStored),
  /** "Keep the working key": the host forgets the new key. */
  discardPendingKey: method(Empty, Empty),
  recheck: method(z.object({ what: z.enum(['url', 'key', 'models']) }), Empty),
  runTest: method(Empty, Empty),
  runTraeCheck: method(Empty, Empty),
  cancel: method(z.object({ what: z.enum(['test', 'trae']) }), Empty),
  save: method(Empty, Empty),
  discardDraft: method(Empty, Empty),
  copy: method(z.object({ what: CopyTarget }), Empty),
  setLanguage: method(z.object({ language: Language }), Empty),
  dismissNotice: method(z.object({ id: text(40) }), Empty),
  command: method(z.object({ command: Command }), Empty),
  /** "Trae says 984": runs the check that decides it for the saved settings. */
  explainTraeError: method(
    z.object({ key: z.enum(['984', '4028', '997', '4054', '2001', 'unknown']) }),
    z.object({ verdict: z.enum(['cause', 'fine']), lines: z.array(text()).check(z.maxLength(10)), problems: Problems }),
  ),
  /** The webview received something it could not read: the host logs it. */
  reportProblem: method(z.object({ detail: text(500) }), Empty),
};

export type Method = keyof typeof METHODS;
export type Params<M extends Method> = z.infer<(typeof METHODS)[M]['params']>;
export type Result<M extends Method> = z.infer<(typeof METHODS)[M]['result']>;

/** Webview -> host. */
export const RequestSchema = z.object({
  kind: z.literal('request'),
  id: z.number(),
  method: z.enum(Object.keys(METHODS) as [Method, ...Method[]]),
  params: z.unknown(),
});

/** Host -> webview. */
export const TO_WEBVIEW = z.union([
  z.object({ kind: z.literal('response'), id: z.number(), ok: z.literal(true), result: z.unknown() }),
  z.object({ kind: z.literal('response'), id: z.number(), ok: z.literal(false), reason: ProblemViewSchema }),
  z.object({ kind: z.literal('view'), view: WizardViewSchema }),
  z.object({ kind: z.literal('models'), list: ModelListViewSchema }),
  /** Something went wrong on the host's side (a view it could not send): shown, never silent. */
  z.object({ kind: z.literal('problem'), reason: ProblemViewSchema }),
]);

export type ToWebview = z.infer<typeof TO_WEBVIEW>;
export type ProblemView = z.infer<typeof ProblemViewSchema>;
export type ReportView = z.infer<typeof ReportViewSchema>;
export type TraeReportView = z.infer<typeof TraeReportViewSchema>;
export type ModelView = z.infer<typeof ModelViewSchema>;
export type ModelListView = z.infer<typeof ModelListViewSchema>;
export type GuideView = z.infer<typeof GuideViewSchema>;
export type GuideFieldView = z.infer<typeof GuideFieldSchema>;
export type WizardView = z.infer<typeof WizardViewSchema>;
export type CopyTarget = z.infer<typeof CopyTarget>;
export type WizardCommand = z.infer<typeof Command>;

/** Validates a request's params or result against its method; undefined when it does not fit. */
export function parseParams<M extends Method>(m: M, raw: unknown): Params<M> | undefined {
  const r = METHODS[m].params.safeParse(raw);
  return r.success ? (r.data as Params<M>) : undefined;
}

export function parseResult<M extends Method>(m: M, raw: unknown): Result<M> | undefined {
  const r = METHODS[m].result.safeParse(raw);
  return r.success ? (r.data as Result<M>) : undefined;
}

/** The message ids whose text the webview needs (its own labels and the key rules it runs). */
export function isWebviewString(id: string): boolean {
  return (
    id.startsWith('ui.wizard.') ||
    id.startsWith('key.') ||
    id === 'ui.action.checkConnection' ||
    id === 'ui.action.showLog'
  );
}
