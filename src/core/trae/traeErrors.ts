// Trae's own error codes, as users report them when adding or using a custom model: what each means
// (in our words), which of our checks decides it, a parser for a pasted Trae message, and near matches
// of a Model ID for Trae's 984.
import { msg, type MessageId, type Msg } from '../text/messages';
import type { TraeLabels } from './traeLabels';

export type TraeErrorCode = 984 | 4028 | 997 | 4054 | 2001;
export type TraeErrorKey = TraeErrorCode | 'unknown';

/**
 * The check that tells whether the pool is the cause:
 * - modelListed: is this exact Model ID in the pool's GET /v1/models list (and which ids are near it);
 * - fullAndTraeShaped: the full check, plus a streaming chat request shaped like Trae's;
 * - reachability: can the pool be reached (DNS, connection, TLS certificate, proxy);
 * - fullAndOperator: the full check, and the details to send the pool operator.
 */
export type DecidingCheck = 'modelListed' | 'fullAndTraeShaped' | 'reachability' | 'fullAndOperator';

export interface TraeErrorFact {
  readonly key: TraeErrorKey;
  /** Trae's words as users report them, kept verbatim (not ours to translate); none known for 2001. */
  readonly shown?: string;
  readonly meaning: MessageId;
  readonly fix: MessageId;
  readonly decidedBy: DecidingCheck;
}

export const TRAE_ERRORS: readonly TraeErrorFact[] = [
  {
    key: 984,
    shown: "Incorrect Model Name, Please Verify It Matches The Provider's Name",
    meaning: 'traeError.984.meaning',
    fix: 'traeError.984.fix',
    decidedBy: 'modelListed',
  },
  {
    key: 4028,
    shown: 'Param Incorrect (Model Provider Error Code: 400)',
    meaning: 'traeError.4028.meaning',
    fix: 'traeError.4028.fix',
    decidedBy: 'fullAndTraeShaped',
  },
  {
    key: 997,
    shown: '请求服务失败，请检查网络',
    meaning: 'traeError.997.meaning',
    fix: 'traeError.997.fix',
    decidedBy: 'reachability',
  },
  {
    key: 4054,
    shown: 'Model request failed',
    meaning: 'traeError.4054.meaning',
    fix: 'traeError.operator.fix',
    decidedBy: 'fullAndOperator',
  },
  { key: 2001, meaning: 'traeError.2001.meaning', fix: 'traeError.operator.fix', decidedBy: 'fullAndOperator' },
  { key: 'unknown', meaning: 'traeError.unknown.meaning', fix: 'traeError.operator.fix', decidedBy: 'fullAndOperator' },
];

/** A code as the wizard's page sends it ("984", "unknown"): the key it names, if it names one. */
export function traeErrorKeyOf(text: string): TraeErrorKey | undefined {
  if (text === 'unknown') return 'unknown';
  return TRAE_ERRORS.find((e) => String(e.key) === text)?.key;
}

export function traeErrorFact(key: TraeErrorKey): TraeErrorFact {
  return TRAE_ERRORS.find((e) => e.key === key) ?? TRAE_ERRORS[TRAE_ERRORS.length - 1]!;
}

export interface TraeErrorHelp {
  readonly key: TraeErrorKey;
  readonly shown?: string;
  /** "Code 984: …", "Code 2001", or "Another code". */
  readonly title: Msg;
  readonly meaning: Msg;
  readonly fix: Msg;
  readonly decidedBy: DecidingCheck;
}

export interface TraeErrorContext {
  readonly labels: TraeLabels;
  readonly modelId: string;
  readonly requestUrl: string;
  readonly fullUrl: boolean;
}

/** A Trae error explained with the values of this setup. */
export function traeErrorHelp(fact: TraeErrorFact, ctx: TraeErrorContext): TraeErrorHelp {
  const f = ctx.labels.fields;
  const title =
    fact.key === 'unknown'
      ? msg('traeError.title.unknown')
      : fact.shown
        ? msg('traeError.title.withText', { code: fact.key, text: fact.shown })
        : msg('traeError.title.codeOnly', { code: fact.key });
  const fixArgs = {
    modelId: f.modelId,
    model: ctx.modelId,
    requestUrl: f.requestUrl,
    url: ctx.requestUrl,
    fullUrl: f.fullUrl,
    state: ctx.fullUrl ? ctx.labels.on : ctx.labels.off,
    apiKey: f.apiKey,
  };
  return {
    key: fact.key,
    ...(fact.shown ? { shown: fact.shown } : {}),
    title,
    meaning: msg(fact.meaning),
    fix: msg(fact.fix, fixArgs),
    decidedBy: fact.decidedBy,
  };
}

// A pasted message is read up to this length: Trae's messages are short, the rest is noise.
const MAX_PASTE = 20_000;
const CODE_NUMBER = /(?<![\w./-])(984|4028|997|4054|2001)(?![\w/-]|\.\d|::|:[0-9a-f]{1,4}:)/;
const CODE_TEXT: ReadonlyArray<[TraeErrorCode, RegExp]> = [
  [984, /incorrect model name|verify it matches the provider'?s name/],
  [4028, /params? incorrect|model provider error code/],
  [997, /请求服务失败|请检查网络/],
  [4054, /model request failed/],
];

/**
 * The Trae error code in a pasted message, English or Chinese, with or without its number, amid other
 * text: a known code number wins (the first one), then Trae's known wording; undefined otherwise.
 */
export function parseTraeError(text: string): TraeErrorCode | undefined {
  if (typeof text !== 'string') return undefined;
  const plain = text
    .slice(0, MAX_PASTE)
    .normalize('NFKC') // full-width digits, colons and commas from Chinese input become ASCII
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/\s+/g, ' ');
  const number = CODE_NUMBER.exec(plain);
  if (number) return Number(number[1]) as TraeErrorCode;
  let found: { code: TraeErrorCode; at: number } | undefined;
  for (const [code, pattern] of CODE_TEXT) {
    const at = plain.search(pattern);
    if (at >= 0 && (!found || at < found.at)) found = { code, at };
  }
  return found?.code;
}

export interface NearModelId {
  readonly id: string;
  /** exact; case: the same but for letter case; edit: a small typo away; prefix: a long shared beginning. */
  readonly match: 'exact' | 'case' | 'edit' | 'prefix';
}

const MATCH_RANK = { exact: 0, case: 1, edit: 2, prefix: 3 } as const;
// Ids longer than a pool ever lists are not compared (the list is untrusted and can be long).
const MAX_ID_LENGTH = 256;

/**
 * The pool's ids nearest to a Model ID Trae rejected (984), best first: the exact id, the id in another
 * case, ids a small edit away (a typo, a swapped pair), then ids sharing most of its beginning (or
 * one that begins the other), longest shared part first.
 */
export function nearModelIds(wanted: string, ids: readonly string[], limit = 5): NearModelId[] {
  const target = wanted.trim();
  if (target === '' || target.length > MAX_ID_LENGTH) return [];
  const lower = target.toLowerCase();
  const maxEdits = lower.length <= 4 ? 1 : lower.length <= 10 ? 2 : 3;
  const ranked: Array<{ id: string; match: NearModelId['match']; score: number }> = [];
  for (const id of new Set(ids)) {
    if (typeof id !== 'string' || id === '' || id.length > MAX_ID_LENGTH) continue;
    const other = id.toLowerCase();
    if (id === target) ranked.push({ id, match: 'exact', score: 0 });
    else if (other === lower) ranked.push({ id, match: 'case', score: 0 });
    else {
      const edits = editDistance(lower, other, maxEdits);
      if (edits <= maxEdits) ranked.push({ id, match: 'edit', score: edits });
      else {
        const shared = sharedPrefix(lower, other);
        const whole = shared === lower.length || shared === other.length;
        if (shared >= 3 && (whole || shared >= 0.6 * lower.length))
          ranked.push({ id, match: 'prefix', score: -shared + Math.abs(other.length - lower.length) / 1000 });
      }
    }
  }
  ranked.sort(
    (a, b) =>
      MATCH_RANK[a.match] - MATCH_RANK[b.match] || a.score - b.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return ranked.slice(0, Math.max(0, limit)).map(({ id, match }) => ({ id, match }));
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/** Edits (insert, delete, replace, swap two neighbours) from a to b; anything above `max` is max + 1. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length]!, max + 1);
}
