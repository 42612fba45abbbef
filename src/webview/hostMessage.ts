// What the host posts, read in the page without zod. The host checks every message against the protocol's
// schemas before posting it (src/editor/wizardPanel.ts), a request's result against its own (protocol.ts),
// so the page checks the envelope: its kind and id, a known step, and the top-level fields of a view, a
// model list, a problem or a result. The tables below are typed from the shared types: a field added,
// dropped or changed there breaks the build here until the check says the same.
import type { RequestName } from '../wizard/protocol/messageKinds';
import type { Outgoing, Result } from '../wizard/protocol/protocol';
import type { ModelListView, ProblemView, WizardView } from '../wizard/protocol/protocolViews';
import { isStepName, type StepName } from '../wizard/protocol/steps';

/** Where a message did not fit ("view.url", "id"): said to the host, never acted on. */
export interface Misfit {
  readonly misfit: string;
}

type Shape<V> = [V] extends [StepName]
  ? 'step'
  : [V] extends [string]
    ? 'string'
    : [V] extends [number]
      ? 'number'
      : [V] extends [boolean]
        ? 'boolean'
        : [V] extends [readonly unknown[]]
          ? 'array'
          : 'object';
/** Each top-level field of T by its shape, with "?" when it may be absent. */
type Fields<T> = {
  readonly [K in keyof T]-?: undefined extends T[K] ? `${Shape<Exclude<T[K], undefined>>}?` : Shape<T[K]>;
};

const VIEW: Fields<WizardView> = {
  step: 'step',
  nav: 'array',
  draftVersion: 'number',
  draft: 'object',
  dirty: 'object?',
  notices: 'array',
  language: 'string',
  url: 'object',
  key: 'object',
  model: 'object',
  test: 'object',
  guide: 'object?',
  confirm: 'object?',
  link: 'object?',
  invite: 'object?',
  keyForTrae: 'string',
  traeCommands: 'object',
};
const MODEL_LIST: Fields<ModelListView> = { token: 'number', models: 'array', note: 'string?' };
const PROBLEM: Fields<ProblemView> = {
  severity: 'string',
  cause: 'string',
  fix: 'string',
  goTo: 'step?',
  corrections: 'array?',
};
const KEY_STORED = { verdict: 'string' } as const;
const RESULTS: { readonly [M in RequestName]: Fields<Result<M>> } = {
  ready: { strings: 'array' },
  goTo: {},
  storeKey: KEY_STORED,
  storePendingKey: KEY_STORED,
  discardPendingKey: {},
  recheck: {},
  runTest: {},
  runTraeCheck: {},
  testEveryModel: {},
  save: {},
  discardDraft: {},
  checkLinkPool: {},
  copy: {},
  markAdded: {},
  editorAction: {},
  explainTraeError: { verdict: 'string', lines: 'array', problems: 'array' },
  watchAgain: {},
  forgetConfirmation: {},
};

/** A message from the host with its envelope checked, or where it did not fit. Never throws. */
export function readHostMessage(raw: unknown): Outgoing | Misfit {
  if (!isRecord(raw)) return { misfit: '(message)' };
  const { kind } = raw;
  if (kind === 'view') return shaped(raw['view'], VIEW, 'view', (view) => ({ kind, view }));
  if (kind === 'models') return shaped(raw['list'], MODEL_LIST, 'list', (list) => ({ kind, list }));
  if (kind === 'problem') return shaped(raw['reason'], PROBLEM, 'reason', (reason) => ({ kind, reason }));
  if (kind !== 'response') return { misfit: 'kind' };
  const id = raw['id'];
  if (typeof id !== 'number') return { misfit: 'id' };
  if (raw['ok'] === true) return { kind, id, ok: true, result: raw['result'] };
  if (raw['ok'] !== false) return { misfit: 'ok' };
  return shaped(raw['reason'], PROBLEM, 'reason', (reason) => ({ kind, id, ok: false, reason }));
}

/** Whether a reply's result has the top-level fields of request `name`'s result. */
export function resultFits<M extends RequestName>(name: M, raw: unknown): raw is Result<M> {
  return hasFields(raw, RESULTS[name]);
}

function shaped<T, R>(value: unknown, fields: Fields<T>, at: string, wrap: (value: T) => R): R | Misfit {
  return hasFields(value, fields) ? wrap(value) : { misfit: `${at}${misfitIn(value, fields) ?? ''}` };
}

/** The host checked the rest against the schema before posting: the top level is what the page relies on. */
function hasFields<T>(value: unknown, fields: Fields<T>): value is T {
  return misfitIn(value, fields) === undefined;
}

/** ".name" of the first field that does not fit, "" when `value` is no object at all, undefined when all fit. */
function misfitIn(value: unknown, fields: Readonly<Record<string, string>>): string | undefined {
  if (!isRecord(value)) return '';
  for (const [name, field] of Object.entries(fields)) {
    const optional = field.endsWith('?');
    const v = value[name];
    if (v === undefined ? !optional : !fits(v, optional ? field.slice(0, -1) : field)) return `.${name}`;
  }
  return undefined;
}

function fits(value: unknown, shape: string): boolean {
  if (shape === 'step') return isStepName(value);
  if (shape === 'array') return Array.isArray(value);
  if (shape === 'object') return isRecord(value);
  return typeof value === shape;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
