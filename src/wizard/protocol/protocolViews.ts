// What the host shows the wizard, as zod/mini schemas both sides check: the view of every step, the pool's
// model list, problems in the user's language. The host clamps every value to LIMITS before sending (the
// one place those numbers live), so what it builds always passes what the webview checks.
import * as z from 'zod/mini';
import type { MessageId } from '../../core/text/messages';

/** Every limit a value is clamped to before it crosses to the webview: the one place these numbers live. */
export const LIMITS = {
  text: 2000,
  label: 200,
  url: 4096,
  id: 256,
  name: 256,
  masked: 40,
  noticeId: 40,
  problems: 30,
  notices: 5,
  corrections: 4,
  reportRows: 10,
  traeLines: 20,
  explainLines: 10,
  guideRows: 8,
  guideInstructions: 12,
  guideErrors: 12,
  models: 5000,
  strings: 2000,
  stringLength: 4000,
  detail: 500,
} as const;

export const text = (max: number = LIMITS.text) => z.string().check(z.maxLength(max));

export const STEP_NAMES = ['url', 'key', 'model', 'test', 'trae', 'confirm'] as const;
export const StepSchema = z.enum(STEP_NAMES);
export type StepName = z.infer<typeof StepSchema>;
/** Each step's title in the catalog (the page's navigation, and what the host says about a step). */
export const STEP_TITLES: Record<StepName, MessageId> = {
  url: 'ui.wizard.step1',
  key: 'ui.wizard.step2',
  model: 'ui.wizard.step3',
  test: 'ui.wizard.step4',
  trae: 'ui.wizard.step5',
  confirm: 'ui.wizard.step6',
};
const Severity = z.enum(['error', 'warning', 'info']);
export const LanguageSchema = z.enum(['en', 'zh-cn']);

export const CorrectionSchema = z.object({ url: text(LIMITS.url), fullUrl: z.boolean(), label: text() });

/** A diagnosis or finding, already in the user's language. */
export const ProblemViewSchema = z.object({
  severity: Severity,
  cause: text(),
  fix: text(),
  /** The wizard step that fixes it, if another. */
  goTo: z.optional(StepSchema),
  corrections: z.optional(z.array(CorrectionSchema).check(z.maxLength(LIMITS.corrections))),
});
export const Problems = z.array(ProblemViewSchema).check(z.maxLength(LIMITS.problems));

const CheckStatus = z.enum(['idle', 'running', 'done']);

export const ReportViewSchema = z.object({
  verdict: z.enum(['ok', 'warning', 'error']),
  durationMs: z.number(),
  /** One row per part of the check (URL, key, model list, chat, usage). */
  rows: z
    .array(
      z.object({
        id: z.enum(['url', 'key', 'models', 'chat', 'usage']),
        status: z.enum(['pass', 'warn', 'fail', 'skipped']),
        durationMs: z.number(),
      }),
    )
    .check(z.maxLength(LIMITS.reportRows)),
  problems: Problems,
  answer: z.optional(text()),
  servedModel: z.optional(text(LIMITS.id)),
});

export const TraeReportViewSchema = z.object({
  verdict: z.enum(['ok', 'warning', 'error']),
  durationMs: z.number(),
  lines: z.array(text()).check(z.maxLength(LIMITS.traeLines)),
  problems: Problems,
});

export const ModelViewSchema = z.object({
  id: text(LIMITS.id),
  name: text(LIMITS.name),
  images: z.boolean(),
  contextLength: z.optional(z.int().check(z.positive())),
});

/** The fields of Trae's Add Model dialog, each with its own Copy button (see protocol.ts's copy targets). */
export const GUIDE_FIELD_IDS = [
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

export const GuideFieldSchema = z.object({
  id: z.enum(GUIDE_FIELD_IDS),
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
/** One instruction of Trae's setup ("Open Settings -> Models -> + Add Model"). */
const GuideInstructionSchema = z.object({ id: text(40), title: text(), body: text() });
export const GuideViewSchema = z.object({
  tabs: z.array(z.object({ label: text(LIMITS.label), chosen: z.boolean() })).check(z.maxLength(4)),
  required: z.array(GuideRowSchema).check(z.maxLength(LIMITS.guideRows)),
  /** Trae keeps this section collapsed: the hint says to open it (and why, when values were adapted). */
  advanced: z.object({
    label: text(LIMITS.label),
    hint: text(),
    rows: z.array(GuideRowSchema).check(z.maxLength(LIMITS.guideRows)),
  }),
  addButton: text(LIMITS.label),
  /** What to do in Trae up to Add Model, then after it. */
  beforeAdding: z.array(GuideInstructionSchema).check(z.maxLength(LIMITS.guideInstructions)),
  afterAdding: z.array(GuideInstructionSchema).check(z.maxLength(LIMITS.guideInstructions)),
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
    .check(z.maxLength(LIMITS.guideErrors)),
});

export const WizardViewSchema = z.object({
  step: StepSchema,
  /** The step navigation: which steps can be opened, which are done. */
  nav: z
    .array(z.object({ name: StepSchema, reachable: z.boolean(), done: z.boolean() }))
    .check(z.maxLength(STEP_NAMES.length)),
  /** Bumps when the host changed the draft itself: the webview then replaces what its fields hold. */
  draftVersion: z.number(),
  draft: z.object({ url: text(LIMITS.url), fullUrl: z.boolean(), modelId: text(LIMITS.id) }),
  /** The draft differs from the saved settings, which are what the status bar watches. */
  dirty: z.optional(z.object({ url: text(LIMITS.url), modelId: text(LIMITS.id) })),
  notices: z
    .array(z.object({ id: text(LIMITS.noticeId), severity: Severity, text: text() }))
    .check(z.maxLength(LIMITS.notices)),
  language: LanguageSchema,
  url: z.object({
    findings: Problems,
    fixAll: z.optional(CorrectionSchema),
    traeCallUrl: z.optional(text(LIMITS.url)),
    reach: z.object({ status: CheckStatus, ok: z.boolean(), summary: z.optional(text()), problems: Problems }),
  }),
  key: z.object({
    state: z.enum(['none', 'stored', 'unavailable']),
    masked: z.optional(text(LIMITS.masked)),
    /** What the pool said of the stored key (its buttons are named for it: "Keep the rejected key"). */
    verdict: z.enum(['accepted', 'rejected', 'unknown']),
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
    /** "Listed 5 min ago": present when the list shown is older than a minute. */
    listAge: z.optional(text()),
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
  /** The last step: what to do in Trae, and what the pool's usage counter has seen. */
  confirm: z.optional(
    z.object({
      phase: z.enum(['idle', 'settling', 'waiting', 'arrived', 'timedOut']),
      line: text(),
      problem: z.optional(text()),
      proves: text(),
      instructions: z.array(GuideInstructionSchema).check(z.maxLength(LIMITS.guideInstructions)),
      prompt: text(LIMITS.label),
      /** What to look at in Trae: present once nothing arrived for 2 minutes, or Trae showed an error. */
      checklist: z.optional(z.array(text()).check(z.maxLength(LIMITS.guideInstructions))),
      confirmed: z.optional(text()),
      canWatchAgain: z.boolean(),
    }),
  ),
  /** Step 1, when the draft came from a setup link: its pool's host, big and plain, and whether it is held. */
  link: z.optional(
    z.object({
      host: text(LIMITS.label),
      /** Nothing is sent there until the user clicks "Check this pool". */
      held: z.boolean(),
      /** The pool the user has saved, when the link points at another one. */
      savedHost: z.optional(text(LIMITS.label)),
      /** The link points at the pool in use now (it was never held). */
      same: z.boolean(),
      /** What the link filled in. */
      values: text(),
    }),
  ),
  /** The last step's "Invite a teammate": the saved setup as setup links (never the key). */
  invite: z.optional(
    z.object({
      thisEditor: text(LIMITS.url),
      trae: text(LIMITS.url),
      traeCn: text(LIMITS.url),
      /** The saved pool is on this computer: what that means for a teammate. */
      local: z.optional(text()),
    }),
  ),
  keyForTrae: z.enum(['stored', 'missing']),
  /** Trae's own commands this editor has (its chat, its settings): a button only where it works. */
  traeCommands: z.object({ openChat: z.boolean(), openTraeSettings: z.boolean() }),
});

export const ModelListViewSchema = z.object({
  token: z.number(),
  models: z.array(ModelViewSchema).check(z.maxLength(LIMITS.models)),
  /** Entries the pool sent that were skipped or cut, said in the user's language. */
  note: z.optional(text()),
});

export type ProblemView = z.infer<typeof ProblemViewSchema>;
export type ReportView = z.infer<typeof ReportViewSchema>;
export type TraeReportView = z.infer<typeof TraeReportViewSchema>;
export type ModelView = z.infer<typeof ModelViewSchema>;
export type ModelListView = z.infer<typeof ModelListViewSchema>;
export type GuideView = z.infer<typeof GuideViewSchema>;
export type GuideFieldView = z.infer<typeof GuideFieldSchema>;
export type WizardView = z.infer<typeof WizardViewSchema>;
