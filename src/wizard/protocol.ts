// The wizard's one message protocol, declared once and imported by both sides: the extension host
// (wizardPanel.ts) and the webview (webview/main.ts). Both check every message they receive with
// these schemas, so a renamed field breaks the build and a malformed message is dropped.
// The host renders every message to text before sending, so the webview needs no catalog but the
// strings it gets once at start.
import * as z from 'zod/mini';

const text = (max: number) => z.string().check(z.maxLength(max));

export const STEPS = [1, 2, 3, 4, 5, 6] as const;
export type Step = (typeof STEPS)[number];
const StepSchema = z.custom<Step>((n) => (STEPS as readonly unknown[]).includes(n));

export const FIELD_IDS = ['apiFormat', 'requestUrl', 'fullUrl', 'modelId', 'multimodal', 'apiKey', 'modelSeries', 'displayName', 'contextInput', 'contextOutput', 'toolCallRounds'] as const;
const LanguageSchema = z.enum(['en', 'zh-cn']);
const StepIdSchema = z.enum(['url', 'key', 'models', 'chat', 'usage']);

/** A diagnosis or finding, already in the user's language. */
export const ProblemViewSchema = z.object({
  severity: z.enum(['error', 'warning', 'info']),
  cause: text(2000),
  fix: text(2000),
  /** The wizard step that fixes it, if another. */
  goTo: z.optional(StepSchema),
  corrections: z.optional(z.array(z.object({ url: text(4096), fullUrl: z.boolean(), label: text(4200) })).check(z.maxLength(4))),
});

export const ModelViewSchema = z.object({
  id: text(256),
  displayName: text(256),
  supportsImages: z.boolean(),
  contextLength: z.optional(z.number()),
});

export const ReportViewSchema = z.object({
  verdict: z.enum(['ok', 'warning', 'error']),
  durationMs: z.number(),
  steps: z.array(z.object({ id: StepIdSchema, status: z.enum(['pass', 'warn', 'fail', 'skipped']), durationMs: z.number() })).check(z.maxLength(10)),
  problems: z.array(ProblemViewSchema).check(z.maxLength(50)),
  answer: z.optional(text(2000)),
  servedModel: z.optional(text(256)),
});

export const GuideViewSchema = z.object({
  steps: z.array(z.object({ id: text(40), title: text(400), body: text(2000) })).check(z.maxLength(20)),
  fields: z.array(z.object({ id: z.enum(FIELD_IDS), label: text(100), kind: z.enum(['choice', 'text', 'switch', 'secret', 'number']), value: text(4096), on: z.boolean(), note: text(2000) })).check(z.maxLength(20)),
  errors: z.array(z.object({ shown: text(200), meaning: text(2000), fix: text(2000) })).check(z.maxLength(10)),
});

export const WizardStateSchema = z.object({
  step: StepSchema,
  /** The furthest step the user may open now. */
  furthest: StepSchema,
  url: text(4096),
  fullUrl: z.boolean(),
  model: text(256),
  urlCheck: z.object({
    ok: z.boolean(),
    problems: z.array(ProblemViewSchema).check(z.maxLength(30)),
    traeCallUrl: z.optional(text(4096)),
    /** When several problems each have a certain fix: all of them at once. */
    fixAll: z.optional(z.object({ url: text(4096), fullUrl: z.boolean(), label: text(4200) })),
  }),
  key: z.object({ stored: z.boolean(), masked: z.optional(text(40)) }),
  language: LanguageSchema,
  models: z.object({ status: z.enum(['idle', 'loading', 'done', 'error']), list: z.array(ModelViewSchema).check(z.maxLength(2000)), problems: z.array(ProblemViewSchema).check(z.maxLength(50)) }),
  test: z.object({ status: z.enum(['idle', 'running', 'done']), report: z.optional(ReportViewSchema) }),
  guide: z.optional(GuideViewSchema),
  saved: z.boolean(),
  canOpenChat: z.boolean(),
});

/** Webview -> host, by type. The raw key travels this way once (storeKey) and never back. */
export const TO_HOST = {
  ready: z.object({ type: z.enum(['ready']) }),
  draft: z.object({ type: z.enum(['draft']), url: text(4096), fullUrl: z.boolean(), model: text(256) }),
  goTo: z.object({ type: z.enum(['goTo']), step: StepSchema }),
  storeKey: z.object({ type: z.enum(['storeKey']), requestId: z.number(), key: text(4096) }),
  fetchModels: z.object({ type: z.enum(['fetchModels']), requestId: z.number() }),
  runTest: z.object({ type: z.enum(['runTest']), requestId: z.number() }),
  cancelTest: z.object({ type: z.enum(['cancelTest']) }),
  saveAndContinue: z.object({ type: z.enum(['saveAndContinue']), requestId: z.number() }),
  copy: z.object({ type: z.enum(['copy']), requestId: z.number(), what: z.enum([...FIELD_IDS, 'all']) }),
  language: z.object({ type: z.enum(['language']), language: LanguageSchema }),
  command: z.object({ type: z.enum(['command']), command: z.enum(['openChat', 'checkConnection', 'showLog', 'close']) }),
};

/** Host -> webview, by type. */
export const TO_WEBVIEW = {
  /** strings: [message id, template in the user's language] pairs. */
  init: z.object({ type: z.enum(['init']), strings: z.array(z.array(text(4000))).check(z.maxLength(1000)), state: WizardStateSchema }),
  state: z.object({ type: z.enum(['state']), state: WizardStateSchema }),
  reply: z.object({ type: z.enum(['reply']), requestId: z.number(), ok: z.boolean(), problem: z.optional(ProblemViewSchema) }),
};

type Union<T extends Record<string, z.ZodMiniType>> = { [K in keyof T]: z.infer<T[K]> }[keyof T];
export type ToHost = Union<typeof TO_HOST>;
export type ToWebview = Union<typeof TO_WEBVIEW>;

/** Checks a message against the schema its `type` names; undefined for anything else. */
export function parseMessage<T extends Record<string, z.ZodMiniType>>(schemas: T, raw: unknown): Union<T> | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const type = (raw as { type?: unknown }).type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(schemas, type)) return undefined;
  const result = schemas[type]!.safeParse(raw);
  return result.success ? (result.data as Union<T>) : undefined;
}

export type ProblemView = z.infer<typeof ProblemViewSchema>;
export type ModelView = z.infer<typeof ModelViewSchema>;
export type ReportView = z.infer<typeof ReportViewSchema>;
export type GuideView = z.infer<typeof GuideViewSchema>;
export type WizardState = z.infer<typeof WizardStateSchema>;
export type FieldId = (typeof FIELD_IDS)[number];
export type CopyTarget = FieldId | 'all';

/** The message ids whose text the webview needs (its own labels and the key rules it runs). */
export function isWebviewString(id: string): boolean {
  return id.startsWith('ui.wizard.') || id.startsWith('key.') || id === 'ui.action.checkConnection';
}
