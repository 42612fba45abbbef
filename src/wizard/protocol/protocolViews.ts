// What the host shows the wizard, as zod/mini schemas: the view of every step, the pool's model list,
// problems in the user's language. The host clamps every value to LIMITS (limits.ts) and checks each message
// against these before posting it; the page reads them through the types (webview/hostMessage.ts checks the
// envelope), so it carries no zod.
import * as z from 'zod/mini';
import { TRAE_FIELD_IDS } from '../../core/trae/traeLabels';
import { LIMITS } from './limits';
import { STEP_NAMES } from './steps';

export const text = (max: number = LIMITS.text) => z.string().check(z.maxLength(max));

export const StepSchema = z.enum(STEP_NAMES);
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
  /** The model it ran on (a set of several: the one the user picked). */
  model: z.optional(text(LIMITS.id)),
});

/** "Test every model": the set (main model first), what it costs, and one row per model. */
export const EveryModelViewSchema = z.object({
  models: z.array(text(LIMITS.id)).check(z.maxLength(LIMITS.moreModels + 1)),
  cost: text(),
  status: CheckStatus,
  rows: z
    .array(
      z.object({
        model: text(LIMITS.id),
        status: z.enum(['waiting', 'running', 'done', 'cancelled']),
        verdict: z.optional(z.enum(['ok', 'warning', 'error'])),
        answer: z.optional(text()),
        durationMs: z.optional(z.number()),
        finding: z.optional(text()),
      }),
    )
    .check(z.maxLength(LIMITS.moreModels + 1)),
});

export const ModelViewSchema = z.object({
  id: text(LIMITS.id),
  name: text(LIMITS.name),
  images: z.boolean(),
  contextLength: z.optional(z.int().check(z.positive())),
});

export const GuideFieldSchema = z.object({
  id: z.enum(TRAE_FIELD_IDS),
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
const GuideInstructionSchema = z.object({ id: text(LIMITS.instructionId), title: text(), body: text() });
export const GuideViewSchema = z.object({
  tabs: z.array(z.object({ label: text(LIMITS.label), chosen: z.boolean() })).check(z.maxLength(LIMITS.guideTabs)),
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
  /** Two or more models: the shared rows above (said once), then one Add Model card per model. */
  models: z.optional(
    z.object({
      intro: text(),
      /** Under the shared Advanced Settings rows: which rows each card adds. */
      sharedAdvanced: text(),
      /** "2 of 3 added in Trae". */
      progress: text(),
      cards: z
        .array(
          z.object({
            modelId: text(LIMITS.id),
            main: z.boolean(),
            /** The user ticked "Added in Trae" (remembered for this setup). */
            added: z.boolean(),
            /** The key's model list no longer has it: Trae would answer 984 for this entry. */
            notOffered: z.optional(z.boolean()),
            required: z.array(GuideRowSchema).check(z.maxLength(LIMITS.guideRows)),
            advanced: z.array(GuideRowSchema).check(z.maxLength(LIMITS.guideRows)),
          }),
        )
        .check(z.maxLength(LIMITS.guideCards)),
    }),
  ),
  errors: z
    .array(
      z.object({
        key: text(LIMITS.errorKey),
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
  draft: z.object({
    url: text(LIMITS.url),
    fullUrl: z.boolean(),
    modelId: text(LIMITS.id),
    /** The further models, main model excluded (absent: none). */
    moreModels: z.optional(z.array(text(LIMITS.id)).check(z.maxLength(LIMITS.moreModels))),
  }),
  /** The draft differs from the saved settings, which are what the status bar watches. */
  dirty: z.optional(
    z.object({
      url: text(LIMITS.url),
      modelId: text(LIMITS.id),
      /** The saved further models (absent: none). */
      moreModels: z.optional(z.array(text(LIMITS.id)).check(z.maxLength(LIMITS.moreModels))),
    }),
  ),
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
    /** Further models of the draft that the key's model list does not offer now (absent: none). */
    notOffered: z.optional(z.array(text(LIMITS.id)).check(z.maxLength(LIMITS.moreModels))),
    problems: Problems,
  }),
  test: z.object({
    status: CheckStatus,
    report: z.optional(ReportViewSchema),
    trae: z.object({ status: CheckStatus, report: z.optional(TraeReportViewSchema) }),
    /** Present when the set has more than one model. */
    every: z.optional(EveryModelViewSchema),
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
      /**
       * The link's models, the main one first, and which it adds to or removes from the saved ones (ids, by
       * case-folded id). Absent when the link and the saved setup each have one model (`values` says it all).
       */
      models: z.optional(
        z.object({
          ids: z.array(text(LIMITS.id)).check(z.maxLength(LIMITS.moreModels + 1)),
          added: z.array(text(LIMITS.id)).check(z.maxLength(LIMITS.moreModels + 1)),
          removed: z.array(text(LIMITS.id)).check(z.maxLength(LIMITS.moreModels + 1)),
        }),
      ),
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
export type EveryModelView = z.infer<typeof EveryModelViewSchema>;
export type ModelView = z.infer<typeof ModelViewSchema>;
export type ModelListView = z.infer<typeof ModelListViewSchema>;
export type GuideView = z.infer<typeof GuideViewSchema>;
export type GuideFieldView = z.infer<typeof GuideFieldSchema>;
export type WizardView = z.infer<typeof WizardViewSchema>;
